package eaeu.pmm03.client;

import eaeu.pmm03.contract.authority.AuthorityPortType;
import eaeu.pmm03.contract.authority.NotifyInclusion;
import eaeu.pmm03.contract.authority.RequestAdditionalInfo;
import eaeu.pmm03.contract.authority.SendAdditionalInfo;
import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/** Typed calls of an authority's service: TRN.007 (one-way MSG.013), TRN.008 (MSG.014 → MSG.015), TRN.009 (MSG.016 → MSG.015). */
public final class AuthorityClient {

    private final AuthorityPortType port;
    private final String language;
    private final ExecutorService async;

    AuthorityClient(AuthorityPortType port, String language, ExecutorService async) {
        this.port = port;
        this.language = language;
        this.async = async;
        // robust one-way: the receiving node acknowledges a MSG.013 only once it is stored and refuses it with a
        // SOAP fault (HTTP 500), which the client then reads and throws as a Pmm03Fault instead of "HTTP 500"
        if (port instanceof jakarta.xml.ws.BindingProvider bp) {
            bp.getRequestContext().put("org.apache.cxf.oneway.robust", Boolean.TRUE);
            // MTOM: the PDFs of MSG.016 (PdfBinaryText) above 4 KB travel as MIME parts, not base64 in the XML;
            // a signature then covers each attachment too (SwA profile), see docs/security.md
            if (bp.getBinding() instanceof jakarta.xml.ws.soap.SOAPBinding soap) {
                soap.setMTOMEnabled(true);
            }
            bp.getRequestContext().put(org.apache.cxf.message.Message.MTOM_THRESHOLD, 4096);
        }
    }

    public AuthorityPortType port() {
        return port;
    }

    /**
     * P.MM.03.TRN.007: MSG.013, one-way (no answer document; HTTP 202). A refusal (a SOAP fault, e.g. a record of
     * another country: ERR_NOT_AUTHORIZED) is thrown as {@link Pmm03Fault}.
     */
    public void notifyInclusion(DrugMonitoringDetails doc) {
        if (doc.getEDocHeader() == null) {
            doc.setEDocHeader(EDocHeaders.of("P.MM.03.MSG.013").language(language).build());
        }
        NotifyInclusion n = new NotifyInclusion();
        n.setDrugMonitoringDetails(doc);
        Faults.call(() -> { port.notifyInclusion(n); return null; });
    }

    /** P.MM.03.TRN.008: MSG.014 → MSG.015. */
    public ProcessingResultDetails requestAdditionalInfo(CounterfeitDrugCorrespondenceDetails doc) {
        if (doc.getEDocHeader() == null) {
            doc.setEDocHeader(EDocHeaders.of("P.MM.03.MSG.014").language(language).build());
        }
        RequestAdditionalInfo r = new RequestAdditionalInfo();
        r.setCounterfeitDrugCorrespondenceDetails(doc);
        return Faults.call(() -> port.requestAdditionalInfo(r).getProcessingResultDetails());
    }

    /** P.MM.03.TRN.009: MSG.016 → MSG.015. */
    public ProcessingResultDetails sendAdditionalInfo(CounterfeitDrugCorrespondenceDetails doc) {
        if (doc.getEDocHeader() == null) {
            doc.setEDocHeader(EDocHeaders.of("P.MM.03.MSG.016").language(language).build());
        }
        SendAdditionalInfo r = new SendAdditionalInfo();
        r.setCounterfeitDrugCorrespondenceDetails(doc);
        return Faults.call(() -> port.sendAdditionalInfo(r).getProcessingResultDetails());
    }

    public CompletableFuture<Void> notifyInclusionAsync(DrugMonitoringDetails doc) {
        return CompletableFuture.runAsync(() -> notifyInclusion(doc), async);
    }

    public CompletableFuture<ProcessingResultDetails> requestAdditionalInfoAsync(CounterfeitDrugCorrespondenceDetails doc) {
        return run(() -> requestAdditionalInfo(doc));
    }

    public CompletableFuture<ProcessingResultDetails> sendAdditionalInfoAsync(CounterfeitDrugCorrespondenceDetails doc) {
        return run(() -> sendAdditionalInfo(doc));
    }

    private <T> CompletableFuture<T> run(Supplier<T> s) {
        return CompletableFuture.supplyAsync(s, async);
    }
}
