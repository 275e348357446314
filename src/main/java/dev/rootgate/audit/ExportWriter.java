package dev.rootgate.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes an export as the rows come from the database: nothing is collected beyond a block of lines, which goes out
 * in one write (one chunk of the response) instead of a write per line.
 */
@ApplicationScoped
public class ExportWriter {

    static final int BLOCK_CHARS = 64 * 1024;

    @Inject
    SealedEvents sealed;

    public void write(ExportFormat format, EventSelection selection, OutputStream out) throws IOException {
        Blocks blocks = new Blocks(out);
        blocks.text.append(format.header());
        sealed.forEach(selection, event -> {
            format.append(blocks.text, event);
            if (blocks.text.length() >= BLOCK_CHARS) {
                blocks.send();
            }
            return true;
        });
        blocks.send();
        out.flush();
    }

    /**
     * Each block is a new buffer: a buffer that once held a character beyond Latin-1 stays twice as wide and slow for
     * good, and one such character must not slow down the rest of the export.
     */
    private static final class Blocks {
        private final OutputStream out;
        private StringBuilder text = new StringBuilder(BLOCK_CHARS + 4096);

        Blocks(OutputStream out) {
            this.out = out;
        }

        void send() throws IOException {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            text = new StringBuilder(BLOCK_CHARS + 4096);
        }
    }
}
