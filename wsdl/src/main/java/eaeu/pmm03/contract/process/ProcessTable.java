package eaeu.pmm03.contract.process;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of P.MM.03 process knowledge: namespaces, structures, message codes, transactions and their
 * parameters. Read from {@code eaeu/pmm03/contract/pmm03-process.json}, the same file that generates the XSDs and
 * WSDLs, so code never repeats a message code, an action or a time-out.
 */
public final class ProcessTable {

    public static final String RESOURCE = "eaeu/pmm03/contract/pmm03-process.json";

    private static final ProcessTable INSTANCE = load();

    public record Process(String code, String version, String actionPrefix) {}

    public record Namespace(String prefix, String namespace, String file, String javaPackage) {}

    public record Structure(String id, String prefix, String rootElement, String namespace, String file,
                            String javaPackage) {}

    public record Service(String name, String namespace, String file, String prefix, String javaPackage) {}

    public record Message(String code, String structure, String nameRu, String nameEn, int sourceLine) {
        /** "MSG.001" for "P.MM.03.MSG.001". */
        public String shortCode() {
            return code.substring(code.indexOf("MSG."));
        }
    }

    public record Parameters(Duration receiptConfirmationTime, Duration processingConfirmationTime,
                             Duration responseWaitTime, boolean authorizationRequired, int retryCount) {}

    public record Transaction(String code, String procedure, String nameRu, String nameEn, String template,
                              String service, String operation, String request, List<String> responses,
                              Parameters parameters, List<Integer> sourceLines) {
        public boolean oneWay() {
            return responses.isEmpty();
        }
    }

    /** A code of R.006 ProcessingResultV2Code, as answered in MSG.004/009/012/015. */
    public record ResultCode(String code, String kind, List<String> messages, String exception, String en,
                             String ru) {
        public boolean success() {
            return "success".equals(kind);
        }
    }

    record Table(Process process, List<Namespace> namespaces, List<Structure> structures, List<Service> services,
                 List<Message> messages, List<Transaction> transactions, List<ResultCode> resultCodes) {}

    private final Table table;
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Map<String, Transaction> transactions = new LinkedHashMap<>();
    private final Map<String, Structure> structures = new LinkedHashMap<>();
    private final Map<String, ResultCode> resultCodes = new LinkedHashMap<>();

    private ProcessTable(Table table) {
        this.table = table;
        table.messages().forEach(m -> messages.put(m.code(), m));
        table.transactions().forEach(t -> transactions.put(t.code(), t));
        table.structures().forEach(s -> structures.put(s.id(), s));
        table.resultCodes().forEach(r -> resultCodes.put(r.code(), r));
    }

    public static ProcessTable get() {
        return INSTANCE;
    }

    private static ProcessTable load() {
        ObjectMapper mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .findAndRegisterModules();
        try (InputStream in = ProcessTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " on the classpath");
            }
            return new ProcessTable(mapper.readValue(in, Table.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return table.process();
    }

    public List<Namespace> namespaces() {
        return table.namespaces();
    }

    public List<Structure> structures() {
        return table.structures();
    }

    public List<Service> services() {
        return table.services();
    }

    public List<Message> messages() {
        return table.messages();
    }

    public List<Transaction> transactions() {
        return table.transactions();
    }

    /** A message by full ("P.MM.03.MSG.001") or short ("MSG.001") code. */
    public Message message(String code) {
        Message m = messages.get(code.startsWith("P.") ? code : process().code() + "." + code);
        if (m == null) {
            throw new IllegalArgumentException("unknown message code " + code);
        }
        return m;
    }

    public Optional<Message> findMessage(String code) {
        return Optional.ofNullable(messages.get(code));
    }

    public Transaction transaction(String code) {
        Transaction t = transactions.get(code.startsWith("P.") ? code : process().code() + "." + code);
        if (t == null) {
            throw new IllegalArgumentException("unknown transaction code " + code);
        }
        return t;
    }

    /** The transaction that a request message starts. */
    public Transaction transactionOfRequest(String messageCode) {
        String code = message(messageCode).code();
        return table.transactions().stream().filter(t -> t.request().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(code + " starts no transaction"));
    }

    public List<ResultCode> resultCodes() {
        return table.resultCodes();
    }

    public ResultCode resultCode(String code) {
        ResultCode r = resultCodes.get(code);
        if (r == null) {
            throw new IllegalArgumentException("unknown result code " + code);
        }
        return r;
    }

    public Structure structure(String id) {
        Structure s = structures.get(id);
        if (s == null) {
            throw new IllegalArgumentException("unknown structure " + id);
        }
        return s;
    }

    public Structure structureOf(String messageCode) {
        return structure(message(messageCode).structure());
    }

    /**
     * The wsa:Action of a message within a transaction (Decision No. 5): int://CP/process/version/procedure/
     * transaction/message.
     */
    public String action(Transaction t, String messageCode) {
        Process p = process();
        return p.actionPrefix() + "/" + p.code() + "/" + p.version() + "/" + t.procedure() + "/" + t.code() + "/"
                + message(messageCode).code();
    }
}
