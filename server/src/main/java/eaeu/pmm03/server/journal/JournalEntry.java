package eaeu.pmm03.server.journal;

import java.time.Instant;

/**
 * One line of the message journal: a message in or out, with its identifiers, who sent it, what became of it and
 * the document itself.
 */
public record JournalEntry(Direction direction, String messageCode, String edocId, String edocRefId,
                           String participant, String peer, String action, String messageId, String relatesTo,
                           String conversationId, String procedureId, Instant at, String resultCode,
                           String resultText, boolean signed, String contentSha256, String document) {

    public enum Direction { IN, OUT }

    /** The longest result text a line is given by the node's own summaries (skipped items, answers' versions). */
    public static final int RESULT_TEXT_MAX = 4000;

    public static Builder in() {
        return new Builder(Direction.IN);
    }

    public static Builder out() {
        return new Builder(Direction.OUT);
    }

    /** A small builder: journal lines are written from several stages that each know some of the fields. */
    public static final class Builder {
        private final Direction direction;
        private String messageCode, edocId, edocRefId, participant, peer, action, messageId, relatesTo,
                conversationId, procedureId, resultCode, resultText, contentSha256, document;
        private boolean signed;

        private Builder(Direction d) {
            this.direction = d;
        }

        public Builder message(String code) { this.messageCode = code; return this; }
        public Builder edocId(String v) { this.edocId = v; return this; }
        public Builder edocRefId(String v) { this.edocRefId = v; return this; }
        public Builder participant(String v) { this.participant = v; return this; }
        public Builder peer(String v) { this.peer = v; return this; }
        public Builder action(String v) { this.action = v; return this; }
        public Builder messageId(String v) { this.messageId = v; return this; }
        public Builder relatesTo(String v) { this.relatesTo = v; return this; }
        public Builder conversationId(String v) { this.conversationId = v; return this; }
        public Builder procedureId(String v) { this.procedureId = v; return this; }
        public Builder result(String code, String text) { this.resultCode = code; this.resultText = text; return this; }
        public Builder signed(boolean v) { this.signed = v; return this; }
        public Builder content(String sha256, String xml) { this.contentSha256 = sha256; this.document = xml; return this; }

        public JournalEntry build() {
            return new JournalEntry(direction, messageCode, edocId, edocRefId, participant, peer, action, messageId,
                    relatesTo, conversationId, procedureId, Instant.now(), resultCode, resultText, signed,
                    contentSha256, document);
        }
    }
}
