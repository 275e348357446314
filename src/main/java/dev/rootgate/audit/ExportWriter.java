package dev.rootgate.audit;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes an export as the rows come from the database: nothing is collected beyond a block of lines, which goes out
 * in one write (one chunk of the response) instead of a write per line.
 */
@ApplicationScoped
public class ExportWriter {

    static final int BLOCK_BYTES = 64 * 1024;

    @Inject
    SealedEvents sealed;

    public void write(ExportFormat format, EventSelection selection, OutputStream out) throws IOException {
        // A stream is done with the bytes when write returns (BufferedOutputStream relies on it too): one block
        // buffer serves the whole export.
        Utf8Buffer block = new Utf8Buffer(BLOCK_BYTES + 8192);
        block.append(format.header());
        sealed.forEach(selection, event -> {
            format.append(block, event);
            if (block.length() >= BLOCK_BYTES) {
                block.writeTo(out);
                block.clear();
            }
            return true;
        });
        block.writeTo(out);
        out.flush();
    }
}
