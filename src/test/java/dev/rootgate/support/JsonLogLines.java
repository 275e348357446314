package dev.rootgate.support;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import io.quarkus.logging.json.runtime.JsonFormatter;

/** A log handler that keeps each record as the JSON line production's JSON logging would write. */
public final class JsonLogLines extends Handler {

    private final JsonFormatter formatter = new JsonFormatter();
    private final List<String> lines;

    public JsonLogLines(List<String> lines) {
        this.lines = lines;
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(formatter.format(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
