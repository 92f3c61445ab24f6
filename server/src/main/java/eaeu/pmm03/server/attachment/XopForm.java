package eaeu.pmm03.server.attachment;

import eaeu.pmm03.server.pipeline.DomPaths;
import eaeu.pmm03.server.pipeline.Rejection;
import jakarta.activation.DataHandler;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The XOP form of an EEC document: a binary element whose bytes are kept in the {@link AttachmentStore} holds an
 * {@code <xop:Include href="cid:<sha256>@pmm03"/>} instead of its base64 text (XML-binary Optimized Packaging,
 * the form MTOM puts on the wire). Only the elements of {@link #ATTACHABLE} may be attachments (the PDFs of
 * R.HC.MM.03.002); an xop:Include anywhere else is refused.
 */
public final class XopForm {

    public static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";
    /** Binary elements kept as attachments in the store: hcsdo:PdfBinaryText of MSG.016 (table 9). */
    public static final Set<String> ATTACHABLE = Set.of("PdfBinaryText");
    /**
     * Every base64Binary element of the contract. An MTOM client may send any of them as a part (CXF and JAXB do,
     * above their threshold); those not {@link #ATTACHABLE} (pictures of falsification signs, documents of
     * R.HC.MM.03.001) are put back inline as base64, as XOP deserialisation does, and kept with the record.
     */
    public static final Set<String> BINARY = Set.of("PdfBinaryText", "DocBinaryText", "FalsificationSignPicture");

    private XopForm() {}

    /** True if the document holds any xop:Include. */
    public static boolean hasIncludes(Document doc) {
        return doc.getElementsByTagNameNS(XOP_NS, "Include").getLength() > 0;
    }

    /**
     * Brings a received document into the XOP form with its attachments in the store: every xop:Include of an
     * attachable element is resolved against the message's MIME parts and its part streamed into the store; every
     * attachable element with inline base64 is decoded into the store; both end as an xop:Include naming the
     * stored bytes. The document is changed in place.
     *
     * @param parts the MIME parts of the message by Content-ID (without "cid:" and angle brackets); may be empty
     * @return the stored attachments, in document order
     */
    public static List<AttachmentStore.Stored> internalize(Document doc, Function<String, DataHandler> parts,
                                                           AttachmentStore store) {
        List<AttachmentStore.Stored> stored = new ArrayList<>();
        for (Element include : list(doc.getElementsByTagNameNS(XOP_NS, "Include"))) {
            Node parent = include.getParentNode();
            String path = DomPaths.of(parent);
            if (!(parent instanceof Element owner) || !BINARY.contains(owner.getLocalName())) {
                throw new Rejection("ERR_SCHEMA", null, path,
                        "вложения (MTOM/XOP) допускаются только в двоичных элементах " + BINARY,
                        "attachments (MTOM/XOP) are accepted only in the binary elements " + BINARY);
            }
            String href = include.getAttribute("href");
            if (!href.startsWith("cid:")) {
                throw new Rejection("ERR_SCHEMA", null, path, "xop:Include должен ссылаться на часть сообщения (cid:)",
                        "xop:Include must refer to a MIME part of the same message (cid:), got '" + href + "'");
            }
            String cid = URLDecoder.decode(href.substring(4), StandardCharsets.UTF_8);
            DataHandler part = parts.apply(cid);
            if (part == null) {
                throw new Rejection("ERR_SCHEMA", null, path, "в сообщении нет части MIME " + href,
                        "the message has no MIME part " + href);
            }
            if (!ATTACHABLE.contains(owner.getLocalName())) {
                owner.replaceChild(doc.createTextNode(inline(part, store, path)), include);
                continue;
            }
            AttachmentStore.Stored s;
            try (InputStream in = part.getInputStream()) {
                s = store.store(in, path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the MIME part " + href, e);
            }
            include.setAttribute("href", "cid:" + s.contentId());
            stored.add(s);
        }
        for (String name : ATTACHABLE) {
            for (Element e : list(doc.getElementsByTagNameNS("*", name))) {
                if (firstElement(e) != null) {
                    continue; // already an xop:Include
                }
                String text = e.getTextContent();
                String path = DomPaths.of(e);
                if ((long) text.length() * 3 / 4 > store.maxBytes() + 3) {
                    throw store.tooLarge(path);
                }
                byte[] bytes;
                try {
                    bytes = Base64.getMimeDecoder().decode(text);
                } catch (IllegalArgumentException bad) {
                    throw new Rejection("ERR_SCHEMA", null, path, "содержимое не является base64",
                            "the content is not base64: " + bad.getMessage());
                }
                AttachmentStore.Stored s = store.store(bytes, path);
                while (e.getFirstChild() != null) {
                    e.removeChild(e.getFirstChild());
                }
                Element include = doc.createElementNS(XOP_NS, "xop:Include");
                include.setAttribute("href", "cid:" + s.contentId());
                e.appendChild(include);
                stored.add(s);
            }
        }
        return stored;
    }

    /** The part's bytes as base64 text, refused above the attachment limit. */
    private static String inline(DataHandler part, AttachmentStore store, String path) {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, store.maxBytes() + 1));
            if (bytes.length > store.maxBytes()) {
                throw store.tooLarge(path);
            }
            return Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a MIME part", e);
        }
    }

    /**
     * The document as the XML schema and JAXB see it: every xop:Include replaced by empty base64 content. The
     * document itself is returned when it has no xop:Include; otherwise a copy.
     */
    public static Document resolvedView(Document doc) {
        if (!hasIncludes(doc)) {
            return doc;
        }
        Document copy = (Document) doc.cloneNode(true);
        for (Element include : list(copy.getElementsByTagNameNS(XOP_NS, "Include"))) {
            include.getParentNode().removeChild(include);
        }
        return copy;
    }

    /** The Content-IDs (without "cid:") referred to by the document, in document order. */
    public static Map<String, Element> references(Document doc) {
        Map<String, Element> refs = new LinkedHashMap<>();
        for (Element include : list(doc.getElementsByTagNameNS(XOP_NS, "Include"))) {
            String href = include.getAttribute("href");
            if (href.startsWith("cid:")) {
                refs.put(URLDecoder.decode(href.substring(4), StandardCharsets.UTF_8), include);
            }
        }
        return refs;
    }

    private static Element firstElement(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                return c;
            }
        }
        return null;
    }

    private static List<Element> list(NodeList nl) {
        List<Element> out = new ArrayList<>(nl.getLength());
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }
}
