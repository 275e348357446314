package dev.rootgate.web.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import dev.rootgate.audit.ChainVerification;
import dev.rootgate.audit.CheckpointKey;
import dev.rootgate.audit.EventSelection;
import dev.rootgate.audit.ExportFormat;
import dev.rootgate.audit.ExportWriter;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.oversight.AuditOversight;
import dev.rootgate.oversight.ExportRequest;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.support.Ed25519Keys;

@Path("/api/v1/audit")
public class AuditResource {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    private static final int ACTOR_MAX = 255;
    /** File names carry the range without characters that some file systems refuse (the colons of ISO-8601). */
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The checkpoint signed for an export, as one line of JSON: what the offline verifier takes with --checkpoint. */
    public static final String CHECKPOINT_HEADER = "Rootgate-Checkpoint";

    @Inject
    CurrentCaller caller;
    @Inject
    AuditOversight oversight;
    @Inject
    ExportWriter writer;
    @Inject
    Clock clock;
    @Inject
    CheckpointKey checkpointKey;

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public ChainVerification verify() {
        return oversight.verify(caller.get());
    }

    /** The key that signs checkpoints, in the forms the offline verifier and openssl take. */
    public record PublicKeyView(String algorithm, String publicKey, String pem) {
    }

    /** Public by nature: anyone signed in may fetch it to check a checkpoint they were given. */
    @GET
    @Path("public-key")
    @Produces(MediaType.APPLICATION_JSON)
    public PublicKeyView publicKey() {
        return new PublicKeyView(Ed25519Keys.ALGORITHM, checkpointKey.publicKeyBase64(), checkpointKey.publicKeyPem());
    }

    @GET
    @Path("export")
    public Response export(@QueryParam("format") String format, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("account") String account, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("request") String request) {
        ExportRequest wanted = new ExportRequest(format(format), time("from", from, null),
                time("to", to, clock.instant()), matching("account", account, ACCOUNT_ID, "12 digits"),
                actor(actor), matching("action", action, ACTION, "an action name such as request.created"),
                request == null || request.isBlank() ? null : RequestsResource.requestId("request", request));
        if (wanted.from() != null && !wanted.from().isBefore(wanted.to())) {
            throw new InvalidInput("to", "must be after from");
        }
        AuditOversight.Export export = oversight.export(caller.get(), wanted);
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

    private static ExportFormat format(String text) {
        String given = text == null ? "" : text.strip();
        for (ExportFormat format : ExportFormat.values()) {
            if (format.extension().equals(given)) {
                return format;
            }
        }
        throw new InvalidInput("format", "csv or jsonl");
    }

    /** An ISO-8601 instant with an offset (2026-11-29T06:00:00Z) or a date, which means its first moment in UTC. */
    private static Instant time(String field, String text, Instant absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        String given = text.strip();
        try {
            return given.length() == 10 ? LocalDate.parse(given).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(given).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "an ISO-8601 time with offset (2026-11-29T06:00:00Z) or a date (2026-11-29)");
        }
    }

    private static String matching(String field, String text, Pattern pattern, String expected) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!pattern.matcher(text.strip()).matches()) {
            throw new InvalidInput(field, expected);
        }
        return text.strip();
    }

    private static String actor(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > ACTOR_MAX) {
            throw new InvalidInput("actor", "at most " + ACTOR_MAX + " characters");
        }
        return text;
    }
}
