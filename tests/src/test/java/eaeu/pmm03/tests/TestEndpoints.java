package eaeu.pmm03.tests;

import eaeu.pmm03.client.Dates;
import eaeu.pmm03.client.EDocHeaders;
import eaeu.pmm03.contract.authority.AuthorityPortType;
import eaeu.pmm03.contract.authority.NotifyInclusion;
import eaeu.pmm03.contract.authority.RequestAdditionalInfo;
import eaeu.pmm03.contract.authority.RequestAdditionalInfoResponse;
import eaeu.pmm03.contract.authority.SendAdditionalInfo;
import eaeu.pmm03.contract.authority.SendAdditionalInfoResponse;
import eaeu.pmm03.contract.commission.*;
import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.handler.WSHandlerConstants;

import javax.security.auth.callback.CallbackHandler;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-test CXF endpoints published with JaxWsServerFactoryBean on a random localhost port: deliberately broken
 * services for the conformance runner to fail against (a Commission service that says "done" to everything, an
 * authority's service that checks nothing). The real Authority service is a node's ({@link AuthorityNodes}).
 */
public final class TestEndpoints {

    private TestEndpoints() {}

    public static int freePort() {
        return eaeu.pmm03.server.db.FreePorts.next();
    }

    static WSS4JInInterceptor usernameTokenIn() {
        CallbackHandler cb = callbacks -> {
            for (var c : callbacks) {
                if (c instanceof WSPasswordCallback pc && List.of("am", "by", "kz", "kg", "ru", "eec")
                        .contains(pc.getIdentifier())) {
                    pc.setPassword(pc.getIdentifier() + "-dev-password");
                }
            }
        };
        Map<String, Object> p = new java.util.HashMap<>();
        p.put(WSHandlerConstants.ACTION, WSHandlerConstants.USERNAME_TOKEN);
        p.put(WSHandlerConstants.PASSWORD_TYPE, "PasswordDigest");
        p.put(WSHandlerConstants.PW_CALLBACK_REF, cb);
        return new WSS4JInInterceptor(p);
    }

    /** A published endpoint; close() stops it. */
    public record Published(String url, Server server, Object implementor) implements AutoCloseable {
        @Override
        public void close() {
            server.stop();
            server.destroy();
        }
    }

    static Published publish(Class<?> type, Object impl, String path, boolean secured) {
        return publish(type, impl, path, secured, null, null, null);
    }

    /** With a WSDL (the contract's), ?wsdl serves it: what foreign clients load. */
    static Published publish(Class<?> type, Object impl, String path, boolean secured, String wsdlResource,
                             javax.xml.namespace.QName service, javax.xml.namespace.QName port) {
        String url = "http://localhost:" + freePort() + path;
        JaxWsServerFactoryBean f = new JaxWsServerFactoryBean();
        if (wsdlResource != null) {
            f.setWsdlLocation(TestEndpoints.class.getClassLoader().getResource(wsdlResource).toExternalForm());
            f.setServiceName(service);
            f.setEndpointName(port);
        }
        f.setServiceClass(type);
        f.setServiceBean(impl);
        f.setAddress(url);
        if (secured) {
            f.getInInterceptors().add(usernameTokenIn());
        }
        return new Published(url, f.create(), impl);
    }

    /**
     * An authority's service implemented in the test: with checksRules, table 8/9 rules and duplicate EDocIds (as
     * before the authority node existed); without, it accepts everything (a broken endpoint).
     */
    public static Published authority(boolean checksRules) {
        String ns = "urn:pmm03:ws:Authority:v1.0.0";
        return publish(AuthorityPortType.class, new Authority(checksRules), "/ws/authority", true,
                "eaeu/pmm03/contract/wsdl/pmm03-authority.wsdl", new javax.xml.namespace.QName(ns, "AuthorityService"),
                new javax.xml.namespace.QName(ns, "AuthoritySoap11"));
    }

    /** A Commission service that checks the credentials, then answers "done" to everything and never has data. */
    public static Published brokenCommission() {
        return publish(CommissionPortType.class, new BrokenCommission(), "/ws/commission", true);
    }

    public static final class Authority implements AuthorityPortType {
        final boolean checksRules;
        public final List<DrugMonitoringDetails> notifications = new CopyOnWriteArrayList<>();
        public final List<CounterfeitDrugCorrespondenceDetails> received = new CopyOnWriteArrayList<>();
        private final Map<String, String> seen = new ConcurrentHashMap<>();

        Authority(boolean checksRules) {
            this.checksRules = checksRules;
        }

        @Override
        public void notifyInclusion(NotifyInclusion parameters) {
            notifications.add(parameters.getDrugMonitoringDetails());
        }

        @Override
        public RequestAdditionalInfoResponse requestAdditionalInfo(RequestAdditionalInfo parameters) {
            CounterfeitDrugCorrespondenceDetails d = parameters.getCounterfeitDrugCorrespondenceDetails();
            RequestAdditionalInfoResponse r = new RequestAdditionalInfoResponse();
            String err = duplicate(d);
            if (err == null && checksRules && d.getOfficialDocDetails() == null) {
                err = "ERR_RULE|Table 8, rule 1: hccdo:OfficialDocDetails is mandatory in the message "
                        + "[/CounterfeitDrugCorrespondenceDetails/OfficialDocDetails]";
            }
            r.setProcessingResultDetails(answer(d, err, "RECEIVED"));
            return r;
        }

        @Override
        public SendAdditionalInfoResponse sendAdditionalInfo(SendAdditionalInfo parameters) {
            CounterfeitDrugCorrespondenceDetails d = parameters.getCounterfeitDrugCorrespondenceDetails();
            String err = duplicate(d);
            if (err == null && checksRules && d.getCounterfeitDrugAnswerDetails().isEmpty()) {
                err = "ERR_RULE|Table 9, rule 1: hccdo:CounterfeitDrugAnswerDetails must be filled "
                        + "[/CounterfeitDrugCorrespondenceDetails/CounterfeitDrugAnswerDetails]";
            }
            if (err == null && checksRules && d.getNoteText().isEmpty() && d.getPdfBinaryText().isEmpty()
                    && d.getAnyDetails().isEmpty()) {
                err = "ERR_RULE|Table 9, rule 2: at least one of csdo:NoteText, hcsdo:PdfBinaryText, "
                        + "hccdo:AnyDetails must be filled [/CounterfeitDrugCorrespondenceDetails]";
            }
            SendAdditionalInfoResponse r = new SendAdditionalInfoResponse();
            r.setProcessingResultDetails(answer(d, err, "RECEIVED"));
            return r;
        }

        private String duplicate(CounterfeitDrugCorrespondenceDetails d) {
            String id = d.getEDocHeader().getEDocId();
            String content = ContractJaxb.toXml(d, false).replaceAll("<[^>]*EDocDateTime>[^<]*<", "<");
            String before = seen.putIfAbsent(id, content);
            return checksRules && before != null && !before.equals(content)
                    ? "ERR_DUPLICATE_ID|the EDocId " + id + " was already used for a different document" : null;
        }

        private ProcessingResultDetails answer(CounterfeitDrugCorrespondenceDetails d, String err, String ok) {
            if (err == null) {
                received.add(d);
            }
            ProcessingResultDetails r = new ProcessingResultDetails();
            r.setEDocHeader(EDocHeaders.of("MSG.015").refId(d.getEDocHeader().getEDocId()).build());
            r.setEventDateTime(Dates.now());
            r.setProcessingResultV2Code(err == null ? ok : err.substring(0, err.indexOf('|')));
            r.setDescriptionText(err == null ? null : err.substring(err.indexOf('|') + 1));
            return r;
        }
    }

    static final class BrokenCommission implements CommissionPortType {
        private static ProcessingResultDetails done(DrugMonitoringDetails d, String code, String msg) {
            ProcessingResultDetails r = new ProcessingResultDetails();
            r.setEDocHeader(EDocHeaders.of(msg).refId(d.getEDocHeader().getEDocId()).build());
            r.setEventDateTime(Dates.now());
            r.setProcessingResultV2Code(code);
            return r;
        }

        @Override
        public IncludeRecordResponse includeRecord(IncludeRecord p) {
            IncludeRecordResponse r = new IncludeRecordResponse();
            r.setProcessingResultDetails(done(p.getDrugMonitoringDetails(), "INCLUDED", "MSG.004"));
            return r;
        }

        @Override
        public ChangeRecordResponse changeRecord(ChangeRecord p) {
            ChangeRecordResponse r = new ChangeRecordResponse();
            r.setProcessingResultDetails(done(p.getDrugMonitoringDetails(), "CHANGED", "MSG.004"));
            return r;
        }

        @Override
        public ExcludeRecordResponse excludeRecord(ExcludeRecord p) {
            ExcludeRecordResponse r = new ExcludeRecordResponse();
            r.setProcessingResultDetails(done(p.getDrugMonitoringDetails(), "EXCLUDED", "MSG.004"));
            return r;
        }

        @Override
        public GetUpdateTimeResponse getUpdateTime(GetUpdateTime p) {
            ResourceStatusDetails s = new ResourceStatusDetails();
            s.setEDocHeader(EDocHeaders.of("MSG.006").build());
            s.setUpdateDateTime(Dates.xml(java.time.Instant.EPOCH));
            GetUpdateTimeResponse r = new GetUpdateTimeResponse();
            r.setResourceStatusDetails(s);
            return r;
        }

        private static ProcessingResultDetails none(String msg) {
            ProcessingResultDetails r = new ProcessingResultDetails();
            r.setEDocHeader(EDocHeaders.of(msg).build());
            r.setEventDateTime(Dates.now());
            r.setProcessingResultV2Code("NO_DATA");
            return r;
        }

        @Override
        public GetRecordsResponse getRecords(GetRecords p) {
            GetRecordsResponse r = new GetRecordsResponse();
            r.setProcessingResultDetails(none("MSG.009"));
            return r;
        }

        @Override
        public GetChangesResponse getChanges(GetChanges p) {
            GetChangesResponse r = new GetChangesResponse();
            r.setProcessingResultDetails(none("MSG.012"));
            return r;
        }
    }

}
