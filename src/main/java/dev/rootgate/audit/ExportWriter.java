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

    private static final int BLOCK_CHARS = 64 * 1024;

    @Inject
    SealedEvents sealed;

    public void write(ExportFormat format, EventSelection selection, OutputStream out) throws IOException {
        StringBuilder block = new StringBuilder(BLOCK_CHARS + 4096).append(format.header());
        sealed.forEach(selection, event -> {
            format.append(block, event);
            if (block.length() >= BLOCK_CHARS) {
                send(block, out);
            }
            return true;
        });
        send(block, out);
        out.flush();
    }

    private static void send(StringBuilder block, OutputStream out) throws IOException {
        out.write(block.toString().getBytes(StandardCharsets.UTF_8));
        block.setLength(0);
    }
}
