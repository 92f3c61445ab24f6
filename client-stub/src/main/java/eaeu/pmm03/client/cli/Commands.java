package eaeu.pmm03.client.cli;

import eaeu.pmm03.client.CommissionClient;
import eaeu.pmm03.client.Dates;
import eaeu.pmm03.client.Documents;
import eaeu.pmm03.client.EDocHeaders;
import eaeu.pmm03.client.Pmm03Client;
import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.csdo.BinaryTextType;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.AnyDetailsType;
import eaeu.pmm03.contract.hccdo.CounterfeitDrugCorrespondenceDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The transaction commands of {@link Pmm03Cli}. */
final class Commands {

    private Commands() {}

    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        Pmm03Cli top;
    }

    /** A command whose answer can be printed as XML with --xml (answer-info uses --xml for an attachment). */
    abstract static class XmlOut extends Base {
        @Option(names = "--xml", description = "print the answer documents as XML")
        void xml(boolean on) {
            if (on) {
                top.xml = true;
            }
        }
    }

    /** include / change / exclude: the document of a file, with a new EDocHeader unless --keep-header. */
    abstract static class Submit extends XmlOut {
        @Parameters(index = "0", paramLabel = "FILE", description = "R.HC.MM.03.001 document (DrugMonitoringDetails)")
        Path file;

        @Option(names = "--keep-header", description = "send the file's EDocHeader as it is (default: a new "
                + "EDocHeader with a new EDocId, the message code of the command and the current time)")
        boolean keepHeader;

        abstract String message();

        /** What the command adds to the document before it is sent (exclude: the end of validity). */
        void complete(DrugMonitoringDetails d) {}

        @Override
        public Integer call() throws Exception {
            DrugMonitoringDetails d = Documents.drugMonitoring(file);
            if (!keepHeader) {
                d.setEDocHeader(EDocHeaders.of(message()).language(top.lang).build());
            }
            complete(d);
            try (Pmm03Client c = top.client()) {
                return top.result(c.commission().submit(d));
            }
        }
    }

    @Command(name = "include", description = {"TRN.001: include a record (MSG.001 → MSG.004)",
            "включить сведения в единую базу данных"})
    static class Include extends Submit {
        String message() { return "P.MM.03.MSG.001"; }
    }

    @Command(name = "change", description = {"TRN.002: change a record (MSG.002 → MSG.004)",
            "изменить сведения в единой базе данных"})
    static class Change extends Submit {
        String message() { return "P.MM.03.MSG.002"; }
    }

    @Command(name = "exclude", description = {"TRN.003: exclude a record (MSG.003 → MSG.004)",
            "исключить сведения из единой базы данных"})
    static class Exclude extends Submit {
        @Option(names = "--end", paramLabel = "DATETIME", converter = DateTimeConverter.class,
                description = "EndDateTime of records whose file has none (default: now)")
        java.time.OffsetDateTime end;

        String message() { return "P.MM.03.MSG.003"; }

        /** A record without EndDateTime ends now (or at --end); one the file gives keeps its own. */
        @Override
        void complete(DrugMonitoringDetails d) {
            var at = Dates.xml(end == null ? java.time.OffsetDateTime.now() : end);
            for (DrugMonitoringItemDetailsType i : d.getDrugMonitoringItemDetails()) {
                var status = i.getResourceItemStatusDetails();
                if (status != null && status.getValidityPeriodDetails() != null
                        && status.getValidityPeriodDetails().getEndDateTime() == null) {
                    status.getValidityPeriodDetails().setEndDateTime(at);
                }
            }
        }
    }

    @Command(name = "update-time", description = {"TRN.004: date and time of the last update (MSG.005 → MSG.006)",
            "дата и время последнего обновления единой базы данных"})
    static class UpdateTime extends XmlOut {
        @Option(names = {"-c", "--country"}, paramLabel = "CC", description = "country code(s); default all")
        List<String> countries = new ArrayList<>();

        @Override
        public Integer call() {
            try (Pmm03Client c = top.client()) {
                ResourceStatusDetails r = c.commission().updateTime(countries.toArray(String[]::new));
                if (top.xml) {
                    top.out.println(Documents.xml(r));
                } else {
                    top.out.println(top.text().t("last update: ", "последнее обновление: ")
                            + (r.getUpdateDateTime() == null ? "-" : r.getUpdateDateTime()));
                }
                return ExitCodes.OK;
            }
        }
    }

    /** records / changes: print, or export one file per record with --out. */
    abstract static class Query extends XmlOut {
        @Option(names = {"-c", "--country"}, paramLabel = "CC", description = "country code(s); default all")
        List<String> countries = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", description = "write every record to DIR/<CC>/… as its own "
                + "R.HC.MM.03.001 document (progress bar on stderr)")
        Path out;

        abstract CommissionClient.Records ask(CommissionClient c);

        @Override
        public Integer call() throws Exception {
            try (Pmm03Client c = top.client()) {
                CommissionClient.Records r = ask(c.commission());
                if (r.noData() != null) {
                    if (top.xml) {
                        top.out.println(Documents.xml(r.noData()));
                    } else {
                        top.out.println(r.messageCode().replace("P.MM.03.", "") + " "
                                + r.noData().getProcessingResultV2Code() + " — "
                                + top.text().t("no data", "сведения отсутствуют"));
                    }
                    return ExitCodes.OK;
                }
                if (out != null) {
                    int n = Mirror.export(r.records(), out, top.err, top.progressOn(), top.text());
                    top.out.println(top.text().t(n + " records written to ", "записей сохранено: " + n + ", в ") + out);
                } else if (top.xml) {
                    top.out.println(Documents.xml(r.records()));
                } else {
                    top.out.println(r.messageCode().replace("P.MM.03.", "") + ": " + r.size()
                            + top.text().t(" records", " записей"));
                    for (DrugMonitoringItemDetailsType i : r.records().getDrugMonitoringItemDetails()) {
                        top.out.println("  " + Mirror.describe(i));
                    }
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "records", description = {"TRN.005: records valid at a moment (MSG.007 → MSG.008 / MSG.009)",
            "сведения единой базы данных на дату"})
    static class Records extends Query {
        @Option(names = "--as-of", paramLabel = "DATETIME", converter = DateTimeConverter.class,
                description = "moment (" + DateTimeConverter.FORMATS + "); default now")
        java.time.OffsetDateTime asOf;

        CommissionClient.Records ask(CommissionClient c) {
            return c.records(asOf, countries.toArray(String[]::new));
        }
    }

    @Command(name = "changes", description = {"TRN.006: versions changed since a moment (MSG.010 → MSG.011 / MSG.012)",
            "измененные сведения единой базы данных"})
    static class Changes extends Query {
        @Option(names = "--since", required = true, paramLabel = "DATETIME", converter = DateTimeConverter.class,
                description = "moment (" + DateTimeConverter.FORMATS + ")")
        java.time.OffsetDateTime since;

        CommissionClient.Records ask(CommissionClient c) {
            return c.changes(since, countries.toArray(String[]::new));
        }
    }

    @Command(name = "notify", description = {"TRN.007: notify an authority of an inclusion (MSG.013, one-way)",
            "уведомить уполномоченный орган о включении сведений"})
    static class Notify extends XmlOut {
        @Parameters(index = "0", paramLabel = "FILE", description = "R.HC.MM.03.001 document")
        Path file;

        @Option(names = "--keep-header", description = "send the file's EDocHeader as it is")
        boolean keepHeader;

        @Override
        public Integer call() throws Exception {
            DrugMonitoringDetails d = Documents.drugMonitoring(file);
            if (!keepHeader) {
                d.setEDocHeader(EDocHeaders.of("MSG.013").language(top.lang).build());
            }
            try (Pmm03Client c = top.client()) {
                c.authority().notifyInclusion(d);
            }
            top.out.println(top.text().t("MSG.013 delivered (one-way), EDocId ", "MSG.013 доставлено, EDocId ")
                    + d.getEDocHeader().getEDocId());
            return ExitCodes.OK;
        }
    }

    @Command(name = "request-info", description = {"TRN.008: request additional information (MSG.014 → MSG.015)",
            "запросить дополнительные сведения"})
    static class RequestInfo extends XmlOut {
        @Parameters(index = "0", paramLabel = "FILE", description = "R.HC.MM.03.002 document (CounterfeitDrugCorrespondenceDetails)")
        Path file;

        @Option(names = "--keep-header", description = "send the file's EDocHeader as it is")
        boolean keepHeader;

        @Override
        public Integer call() throws Exception {
            CounterfeitDrugCorrespondenceDetails d = Documents.correspondence(file);
            if (!keepHeader) {
                d.setEDocHeader(EDocHeaders.of("MSG.014").language(top.lang).build());
            }
            try (Pmm03Client c = top.client()) {
                int rc = top.result(c.authority().requestAdditionalInfo(d));
                if (!top.xml) {
                    top.line(top.text().t("request EDocId", "EDocId запроса"), d.getEDocHeader().getEDocId());
                }
                return rc;
            }
        }
    }

    @Command(name = "answer-info", description = {"TRN.009: send additional information (MSG.016 → MSG.015), "
            + "answering a received MSG.014", "направить дополнительные сведения в ответ на запрос"})
    static class AnswerInfo extends Base {
        @Option(names = "--request", required = true, paramLabel = "FILE", description = "the MSG.014 being answered "
                + "(its EDocId becomes EDocRefId, its CounterfeitDrugRequestDetails are repeated)")
        Path request;

        @Option(names = "--doc-id", required = true, description = "number of the answer letter (CounterfeitDrugAnswerDetails/DocId)")
        String docId;

        @Option(names = "--doc-name", description = "name of the answer letter")
        String docName;

        @Option(names = "--doc-date", description = "date of the answer letter (default today)")
        LocalDate docDate;

        @Option(names = "--note", description = "NoteText (repeatable)")
        List<String> notes = new ArrayList<>();

        @Option(names = "--pdf", paramLabel = "FILE", description = "a PDF document (PdfBinaryText, repeatable)")
        List<Path> pdfs = new ArrayList<>();

        @Option(names = "--xml", paramLabel = "FILE",
                description = "an XML document (AnyDetails, repeatable); for XML output put --xml before the command")
        List<Path> xmls = new ArrayList<>();

        @Option(names = "--confidential", description = "ConfidentialityIndicator true")
        boolean confidential;

        @Override
        public Integer call() throws Exception {
            CounterfeitDrugCorrespondenceDetails req = Documents.correspondence(request);
            CounterfeitDrugCorrespondenceDetails d = new CounterfeitDrugCorrespondenceDetails();
            d.setEDocHeader(EDocHeaders.of("MSG.016").language(top.lang).refId(req.getEDocHeader().getEDocId()).build());
            d.setCounterfeitDrugRequestDetails(req.getCounterfeitDrugRequestDetails());
            CounterfeitDrugCorrespondenceDetailsType a = new CounterfeitDrugCorrespondenceDetailsType();
            a.setDocId(docId);
            a.setDocName(docName);
            a.setDocCreationDate(Dates.xml(docDate == null ? LocalDate.now() : docDate));
            d.getCounterfeitDrugAnswerDetails().add(a);
            d.getNoteText().addAll(notes);
            for (Path p : pdfs) {
                BinaryTextType b = new BinaryTextType();
                b.setValue(Files.readAllBytes(p));
                b.setMediaTypeCode("application/pdf");
                d.getPdfBinaryText().add(b);
            }
            for (Path p : xmls) {
                AnyDetailsType any = new AnyDetailsType();
                any.setAny(Documents.parse(Files.readAllBytes(p)).getDocumentElement());
                d.getAnyDetails().add(any);
            }
            d.setConfidentialityIndicator(confidential);
            try (Pmm03Client c = top.client()) {
                return top.result(c.authority().sendAdditionalInfo(d));
            }
        }
    }
}
