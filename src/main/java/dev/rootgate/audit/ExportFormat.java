package dev.rootgate.audit;

import java.nio.charset.StandardCharsets;

/** The two export formats: CSV for people, JSON Lines for machines and for verifying offline. */
public enum ExportFormat {
    CSV("csv", "text/csv; charset=UTF-8; header=present", CsvCells.HEADER),
    JSONL("jsonl", "application/x-ndjson; charset=UTF-8", "");

    private final String extension;
    private final String mediaType;
    private final String header;

    ExportFormat(String extension, String mediaType, String header) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.header = header;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    byte[] header() {
        return header.getBytes(StandardCharsets.US_ASCII);
    }

    /** Appends the event's line, its line end included. */
    Utf8Buffer append(Utf8Buffer out, StoredEvent event) {
        return this == CSV ? CsvCells.row(out, event) : HashChain.exportLine(out, event);
    }
}
