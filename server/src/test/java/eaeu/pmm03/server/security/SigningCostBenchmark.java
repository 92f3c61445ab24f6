package eaeu.pmm03.server.security;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.GetUpdateTime;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.server.TestDocuments;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A quick, JMH-free measurement of what XML signatures cost per message, end to end against a real node on this
 * machine: one client thread, sequential calls, after a warm-up; median and p90 of the round trip. Not part of the
 * default test run (the class name does not end in Test): {@code mvn -B -o -pl wsdl,security,server test
 * -Dtest=SigningCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SigningCostBenchmark extends SecureNodeTestBase {

    static final int WARMUP = Integer.getInteger("bench.warmup", 150);
    static final int N = Integer.getInteger("bench.n", 400);

    @Test
    void measure() {
        StringBuilder out = new StringBuilder("\n=== signing cost per message (round trip, 1 thread, N=" + N + ") ===\n");
        for (String op : List.of("GetUpdateTime", "IncludeRecord")) {
            serverPolicy("default=off");
            out.append(line(op, "unsigned (UsernameToken only)", client(participant("KZ-MOH", "default=off"), "kz"), op));
            serverPolicy("default=off");
            out.append(line(op, "request signed, answer unsigned", client(participant("KZ-MOH", "default=sign"), null), op));
            serverPolicy("default=require");
            out.append(line(op, "request and answer signed+verified", client(participant("KZ-MOH", "default=require"), null), op));
        }
        System.out.println(out);
    }

    /**
     * In-process cost of the XML signature itself on a MSG.001 envelope: WSS4J Timestamp + RSA-SHA256 signature with
     * a BinarySecurityToken (sign), and WSS4J processing of that header with certificate-path validation against the
     * test CA (verify). Each iteration works on a fresh parse of the envelope.
     */
    @Test
    void measureSignAndVerifyInProcess() throws Exception {
        org.apache.wss4j.dom.engine.WSSConfig.init();
        var doc0 = eaeu.pmm03.contract.xml.ContractJaxb.toDom(TestDocuments.record("MSG.001", "KZ", unique(), "Приказ",
                java.time.Instant.now().minusSeconds(86400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), null));
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header/><soap:Body>"
                + "<IncludeRecord xmlns=\"urn:pmm03:ws:Commission:v1.0.0\">"
                + serialize(doc0).replaceFirst("^<\\?xml[^>]*>", "") + "</IncludeRecord></soap:Body></soap:Envelope>";
        var kz = participant("KZ-MOH", "default=sign");
        var signCrypto = kz.signingCrypto();
        var verifyCrypto = kz.verificationCrypto();
        var dbf = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance();
        List<Long> parse = new ArrayList<>();
        List<Long> sign = new ArrayList<>();
        List<Long> verify = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < WARMUP + N; i++) {
            long t0 = System.nanoTime();
            var d = dbf.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                    envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            long t1 = System.nanoTime();
            var h = new org.apache.wss4j.dom.message.WSSecHeader(d);
            h.insertSecurityHeader();
            var ts = new org.apache.wss4j.dom.message.WSSecTimestamp(h);
            ts.setTimeToLive(300);
            ts.build();
            var sig = new org.apache.wss4j.dom.message.WSSecSignature(h);
            sig.setUserInfo("kz-moh", eaeu.pmm03.security.pki.TestPki.PASSWORD);
            sig.setKeyIdentifierType(org.apache.wss4j.dom.WSConstants.BST_DIRECT_REFERENCE);
            sig.setSignatureAlgorithm(eaeu.pmm03.security.wss.WsSecuritySettings.RSA_SHA256);
            sig.setDigestAlgo(eaeu.pmm03.security.wss.WsSecuritySettings.SHA256);
            sig.setSigCanonicalization(org.apache.wss4j.dom.WSConstants.C14N_EXCL_OMIT_COMMENTS);
            sig.getParts().add(new org.apache.wss4j.common.WSEncryptionPart("Body",
                    "http://schemas.xmlsoap.org/soap/envelope/", "Element"));
            sig.getParts().add(new org.apache.wss4j.common.WSEncryptionPart("Timestamp",
                    org.apache.wss4j.dom.WSConstants.WSU_NS, "Element"));
            sig.build(signCrypto);
            long t2 = System.nanoTime();
            if (i == 0) {
                size = serialize(d).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
            var rd = new org.apache.wss4j.dom.handler.RequestData();
            rd.setSigVerCrypto(verifyCrypto);
            rd.setWssConfig(org.apache.wss4j.dom.engine.WSSConfig.getNewInstance());
            new org.apache.wss4j.dom.engine.WSSecurityEngine().processSecurityHeader(d, rd);
            long t3 = System.nanoTime();
            if (i >= WARMUP) {
                parse.add(t1 - t0);
                sign.add(t2 - t1);
                verify.add(t3 - t2);
            }
        }
        System.out.printf("%n=== in-process XML signature on a MSG.001 envelope (%d bytes signed, %d bytes unsigned), N=%d ===%n"
                        + "parse (reference)   median %6.3f ms%nsign (TS+RSA-SHA256) median %6.3f ms  p90 %6.3f ms%n"
                        + "verify (+cert path) median %6.3f ms  p90 %6.3f ms%n", size, envelope.length(), N,
                med(parse), med(sign), p90(sign), med(verify), p90(verify));
    }

    private static double med(List<Long> l) {
        List<Long> c = new ArrayList<>(l);
        Collections.sort(c);
        return c.get(c.size() / 2) / 1e6;
    }

    private static double p90(List<Long> l) {
        List<Long> c = new ArrayList<>(l);
        Collections.sort(c);
        return c.get(c.size() * 9 / 10) / 1e6;
    }

    private String line(String op, String label, CommissionPortType c, String opName) {
        Supplier<Runnable> call = () -> {
            if (opName.equals("GetUpdateTime")) {
                GetUpdateTime q = new GetUpdateTime();
                q.setResourceStatusDetails(TestDocuments.query("MSG.005", null, "KZ"));
                return () -> c.getUpdateTime(q);
            }
            IncludeRecord r = include("KZ");
            return () -> send(c, r);
        };
        for (int i = 0; i < WARMUP; i++) {
            call.get().run();
        }
        List<Long> t = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Runnable r = call.get();
            long s = System.nanoTime();
            r.run();
            t.add(System.nanoTime() - s);
        }
        Collections.sort(t);
        return String.format("%-14s %-38s median %6.2f ms   p90 %6.2f ms%n", op, label, t.get(N / 2) / 1e6,
                t.get(N * 9 / 10) / 1e6);
    }
}
