package eaeu.pmm03.server.rules;

/** Identifies one fill requirement: the number of its table and its number in that table. */
public record RuleId(int table, int number) implements Comparable<RuleId> {

    public RuleId {
        if (table <= 0 || number <= 0) {
            throw new IllegalArgumentException("table and number must be positive: " + table + "/" + number);
        }
    }

    public static RuleId of(int table, int number) { return new RuleId(table, number); }

    @Override
    public int compareTo(RuleId o) {
        int c = Integer.compare(table, o.table);
        return c != 0 ? c : Integer.compare(number, o.number);
    }

    /** {@code "table 12, rule 21"}. */
    @Override
    public String toString() { return "table " + table + ", rule " + number; }
}
