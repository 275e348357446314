package dev.rootgate.web.api;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import dev.rootgate.audit.EventSelection;
import dev.rootgate.audit.ExportFormat;
import dev.rootgate.audit.ExportWriter;
import dev.rootgate.oversight.AuditOversight;
import dev.rootgate.oversight.ExportRequest;

/** An export as a streamed download, for the API and the auditor page alike. */
public final class AuditDownload {

    /** The checkpoint signed for an export, as one line of JSON: what the offline verifier takes with --checkpoint. */
    public static final String CHECKPOINT_HEADER = "Rootgate-Checkpoint";
    /** File names carry the range without characters that some file systems refuse (the colons of ISO-8601). */
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditDownload() {
    }

    public static Response of(ExportRequest wanted, AuditOversight.Export export, ExportWriter writer) {
        ExportFormat chosen = wanted.format();
        EventSelection selection = export.selection();
        StreamingOutput body = out -> writer.write(chosen, selection, out);
        Response.ResponseBuilder response = Response.ok(body, chosen.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + fileName(wanted) + "\"")
                .header("Cache-Control", "no-store");
        export.checkpoint().ifPresent(signed -> response.header(CHECKPOINT_HEADER, signed.json()));
        return response.build();
    }

    static String fileName(ExportRequest request) {
        String from = request.from() == null ? "start" : FILE_TIME.format(request.from());
        return "rootgate-audit-" + from + "-" + FILE_TIME.format(request.to()) + "." + request.format().extension();
    }
}
