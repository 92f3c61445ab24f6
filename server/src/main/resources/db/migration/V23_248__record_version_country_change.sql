-- Issue #16 item 2 (decision D-248): MSG.005 asks for the last update time of some countries. With the index on
-- (country, start_date_time, end_date_time) only, MAX(last_change_at) of a country read every version of that country
-- from the table (a fifth of a million-version database per country); on (country, last_change_at) the maximum of
-- one country is the last entry of its index range: one index lookup per country, whatever the history.
CREATE INDEX ix_record_version_country_change ON record_version (country, last_change_at);
