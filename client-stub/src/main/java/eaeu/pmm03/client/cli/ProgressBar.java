package eaeu.pmm03.client.cli;

import java.io.PrintStream;

/** A text progress bar on stderr for long syncs and exports: {@code label [#########.........] 45/100}. */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final int total;
    private int done;
    private int lastFilled = -1;

    ProgressBar(PrintStream err, boolean enabled, String label, int total) {
        this.err = err;
        this.enabled = enabled && total > 0;
        this.label = label;
        this.total = total;
        render(true);
    }

    void step() {
        done++;
        render(done == total);
    }

    private void render(boolean force) {
        if (!enabled) {
            return;
        }
        int filled = (int) ((long) done * WIDTH / total);
        if (!force && filled == lastFilled) {
            return;
        }
        lastFilled = filled;
        err.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total);
        err.flush();
    }

    @Override
    public void close() {
        if (enabled) {
            err.println();
        }
    }
}
