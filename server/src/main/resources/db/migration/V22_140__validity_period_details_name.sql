-- D-11 (issue #13 item 5a): the seed prints the basis model element M.CDE.00033 once as `ccdo:ValidiatyPeriodDetails`
-- (kk 8334; the Russian text leaves the name blank, ru 18549); the EEC basis model names it `ValidityPeriodDetails`,
-- and the contract now uses that name. Stored XML that a node sends or serves again is rewritten to the new name so
-- that what it answers stays valid against its own schema: record versions (MSG.008/MSG.011 and the portal), mirror
-- versions, stored answers replayed to a retrying sender, queued outgoing documents and their answers, received
-- inclusion notices and conversations. message_journal.document is left as it was received or sent: it is the audit
-- trail of the bytes on the wire, never parsed again.
-- The version number 22.140 carries the decision range of the change so that parallel migrations do not collide.
UPDATE record_version      SET item_xml     = REPLACE(item_xml,     'ValidiatyPeriodDetails', 'ValidityPeriodDetails') WHERE item_xml     LIKE '%ValidiatyPeriodDetails%';
UPDATE mirror_version      SET item_xml     = REPLACE(item_xml,     'ValidiatyPeriodDetails', 'ValidityPeriodDetails') WHERE item_xml     LIKE '%ValidiatyPeriodDetails%';
UPDATE processed_document  SET response_xml = REPLACE(response_xml, 'ValidiatyPeriodDetails', 'ValidityPeriodDetails') WHERE response_xml LIKE '%ValidiatyPeriodDetails%';
UPDATE outbox_message      SET document     = REPLACE(document,     'ValidiatyPeriodDetails', 'ValidityPeriodDetails') WHERE document     LIKE '%ValidiatyPeriodDetails%';
UPDATE outbox_message      SET answer_xml   = REPLACE(answer_xml,   'ValidiatyPeriodDetails', 'ValidityPeriodDetails') WHERE answer_xml   LIKE '%ValidiatyPeriodDetails%';
UPDATE inclusion_notice    SET document     = REPLACE(document,     'ValidiatyPeriodDetails', 'ValidityPeriodDetails') WHERE document     LIKE '%ValidiatyPeriodDetails%';
UPDATE conversation        SET request_xml  = REPLACE(request_xml,  'ValidiatyPeriodDetails', 'ValidityPeriodDetails') WHERE request_xml  LIKE '%ValidiatyPeriodDetails%';
UPDATE conversation        SET answer_xml   = REPLACE(answer_xml,   'ValidiatyPeriodDetails', 'ValidityPeriodDetails') WHERE answer_xml   LIKE '%ValidiatyPeriodDetails%';
