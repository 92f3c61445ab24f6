package eaeu.pmm03.client.cli;

import eaeu.pmm03.client.CommissionClient;
import eaeu.pmm03.client.Dates;
import eaeu.pmm03.client.Pmm03Client;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * sync: MSG.005 (when was the database last updated?) and, if it changed after the last applied point, MSG.010
 * since that point; every version received is written to the local mirror and the point moves to the update time
 * of MSG.006. The first sync asks for the changes since 1970, i.e. the whole history.
 */
@Command(name = "sync", description = {"TRN.004 + TRN.006: bring a local copy (DIR) up to date",
        "синхронизировать локальную копию единой базы данных"})
final class Sync implements Callable<Integer> {

    static final String STATE = "sync-state.properties";
    static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @ParentCommand
    Pmm03Cli top;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the local copy (created if missing)")
    Path dir;

    @Option(names = {"-c", "--country"}, paramLabel = "CC", description = "country code(s); default all")
    List<String> countries = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Text t = top.text();
        Files.createDirectories(dir);
        Path stateFile = dir.resolve(STATE);
        Properties state = new Properties();
        if (Files.exists(stateFile)) {
            try (Reader r = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
                state.load(r);
            }
        }
        String key = countries.isEmpty() ? "since" : "since." + String.join(",", countries);
        OffsetDateTime since = state.getProperty(key) == null ? EPOCH : OffsetDateTime.parse(state.getProperty(key));
        String[] cc = countries.toArray(String[]::new);
        try (Pmm03Client c = top.client()) {
            CommissionClient commission = c.commission();
            ResourceStatusDetails ut = commission.updateTime(cc);
            Instant updated = Dates.instant(ut.getUpdateDateTime());
            top.out.println("MSG.006 " + t.t("last update: ", "последнее обновление: ") + (updated == null ? "-" : updated));
            if (updated == null || (state.getProperty(key) != null && !updated.isAfter(since.toInstant()))) {
                top.out.println(t.t("up to date since ", "копия актуальна на ") + since);
                return ExitCodes.OK;
            }
            CommissionClient.Records changes = commission.changes(since, cc);
            int n = 0;
            if (changes.records() != null) {
                List<DrugMonitoringItemDetailsType> items = changes.records().getDrugMonitoringItemDetails();
                try (ProgressBar bar = new ProgressBar(top.err, top.progressOn(), t.t("sync", "синхронизация"), items.size())) {
                    for (DrugMonitoringItemDetailsType item : items) {
                        Mirror.write(changes.records(), item, dir);
                        n++;
                        bar.step();
                    }
                }
            }
            state.setProperty(key, updated.atOffset(ZoneOffset.UTC).toString());
            state.setProperty("versions", Integer.toString(Integer.parseInt(state.getProperty("versions", "0")) + n));
            try (Writer w = Files.newBufferedWriter(stateFile, StandardCharsets.UTF_8)) {
                state.store(w, "pmm03 sync: the point up to which the changes are applied");
            }
            top.out.println(changes.messageCode().replace("P.MM.03.", "") + " " + t.t("since ", "с ") + since + ": "
                    + n + t.t(" versions written to ", " версий записано в ") + dir);
            return ExitCodes.OK;
        }
    }
}
