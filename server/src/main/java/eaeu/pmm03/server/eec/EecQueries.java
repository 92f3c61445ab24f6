package eaeu.pmm03.server.eec;

import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.mirror.MirrorSync;
import eaeu.pmm03.server.outbox.Delivery;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import eaeu.pmm03.server.pipeline.Inbound;

import org.springframework.transaction.support.TransactionTemplate;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Queries to the Commission (TRN.004–006) in the asynchronous mode: the request goes into the outbox like any
 * other (the worker sends it to CommissionEec, waits for the signals, retries), the answer arrives on the
 * CommissionEecReply port and is recorded on the row; the caller waits for that row. This is what MirrorSync uses
 * when the Commission partner's mode is eec.
 */
public class EecQueries implements MirrorSync.Queries {

    private final ProcessTable table = ProcessTable.get();
    private final Outbox outbox;
    private final String commissionId;
    private final String commissionUrl;
    private final Pmm03Properties.Outbox config;
    private final TransactionTemplate tx;

    public EecQueries(Outbox outbox, String commissionId, String commissionUrl, Pmm03Properties.Outbox config,
                      TransactionTemplate tx) {
        this.outbox = outbox;
        this.commissionId = commissionId;
        this.commissionUrl = commissionUrl;
        this.config = config;
        this.tx = tx;
    }

    @Override
    public ResourceStatusDetails updateTime(ResourceStatusDetails request) {
        Delivery.Answer a = ask(request);
        return ContractJaxb.fromDom(parse(a.xml()), ResourceStatusDetails.class);
    }

    @Override
    public DrugMonitoringDetails changes(ResourceStatusDetails request) {
        Delivery.Answer a = ask(request);
        return "P.MM.03.MSG.011".equals(a.messageCode()) ? ContractJaxb.fromDom(parse(a.xml()), DrugMonitoringDetails.class) : null;
    }

    /**
     * Sends a query document (MSG.005/007/010) and waits for its answer: at most the transaction's answer wait
     * (scaled), after which the row is P.EXC.002 anyway.
     */
    public Delivery.Answer ask(Object document) {
        var h = Inbound.header(document);
        String code = h.getInfEnvelopeCode();
        ProcessTable.Transaction t = table.transactionOfRequest(code);
        String text = ContractJaxb.toXml(document, false);
        tx.executeWithoutResult(s -> outbox.enqueue(new OutboxMessage.New(t.code(), code, h.getEDocId(), null,
                commissionId, commissionUrl, text, UUID.randomUUID().toString(), UUID.randomUUID().toString())));
        Instant end = Instant.now().plus(Duration.ofMillis((long) (t.parameters().responseWaitTime().toMillis()
                * config.timeScale())).plus(config.requestTimeout()));
        while (true) {
            OutboxMessage m = outbox.byEdocId(h.getEDocId()).stream().filter(x -> x.target().equals(commissionId))
                    .findFirst().orElseThrow();
            switch (m.status()) {
                case ANSWERED -> {
                    return new Delivery.Answer(m.answerMessageCode(), m.answerResultCode(), m.answerText(), m.answerXml());
                }
                case EXC_002, EXC_004 -> throw new IllegalStateException(code + " " + h.getEDocId() + ": " + m.status()
                        + " " + m.lastError());
                default -> { }
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException(code + " " + h.getEDocId() + ": no answer yet (" + m.status() + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static org.w3c.dom.Document parse(String xml) {
        try {
            var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable answer", e);
        }
    }
}
