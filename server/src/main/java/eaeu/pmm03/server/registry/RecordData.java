package eaeu.pmm03.server.registry;

import eaeu.pmm03.server.rules.RecordKey;

import java.time.Instant;

/**
 * What the unified database stores of one hccdo:DrugMonitoringItemDetails: its key, the searchable fields and
 * the item itself as XML (exactly the EEC fragment received, so it can be republished as is), and its export form
 * (what MSG.008/MSG.011 answers copy without a parse, decision D-220; null when it has none).
 */
public record RecordData(RecordKey key, String country, String statusCode, String tradeName, String drugNames,
                         Instant startDateTime, Instant endDateTime, String itemXml, String exportForm) {}
