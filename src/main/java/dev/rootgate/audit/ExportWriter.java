package dev.rootgate.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Writes an export as the rows come from the database: nothing is collected first. */
@ApplicationScoped
public class ExportWriter {

    private static final int BUFFER_CHARS = 64 * 1024;

    @Inject
    SealedEvents sealed;

    public void write(ExportFormat format, EventSelection selection, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        writer.write(format.header());
        sealed.forEach(selection, event -> {
            writer.write(format.line(event));
            return true;
        });
        writer.flush();
    }
}
