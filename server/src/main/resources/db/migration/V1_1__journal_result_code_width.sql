-- WS-Security refusals are journaled with codes such as ERR_SIGNATURE_INVALID (21 characters).
ALTER TABLE message_journal MODIFY result_code VARCHAR(40) NULL;
