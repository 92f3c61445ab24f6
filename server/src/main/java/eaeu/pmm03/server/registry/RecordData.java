package eaeu.pmm03.server.registry;

import eaeu.pmm03.server.rules.RecordKey;

import java.time.Instant;

/**
 * What the unified database stores of one hccdo:DrugMonitoringItemDetails: its key, the searchable fields and
 * the item itself as XML (exactly the EEC fragment received, so it can be republished as is), and its export form
 * (what MSG.008/MSG.011 answers copy without a parse, decision D-220; null when it has none). {@code element}, when
 * not null, is the item's DOM as the request was parsed (not stored): what the version's listeners read instead of
 * parsing {@code itemXml} again (decision D-234).
 */
public record RecordData(RecordKey key, String country, String statusCode, String tradeName, String drugNames,
                         Instant startDateTime, Instant endDateTime, String itemXml, String exportForm,
                         org.w3c.dom.Element element) {

    public RecordData(RecordKey key, String country, String statusCode, String tradeName, String drugNames,
                      Instant startDateTime, Instant endDateTime, String itemXml, String exportForm) {
        this(key, country, statusCode, tradeName, drugNames, startDateTime, endDateTime, itemXml, exportForm, null);
    }
}
