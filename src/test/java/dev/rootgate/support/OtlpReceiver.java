package dev.rootgate.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A collector's OTLP/HTTP endpoint on loopback: it accepts every POST (rootgate's exporter sends
 * ExportTraceServiceRequests to /v1/traces) and answers what it received on GET /received, so a test reads it over
 * HTTP whichever class loader started it. {@link #spans(byte[])} reads the protobuf with the wire format alone (the
 * proto classes are not on the class path): just the fields a test looks at.
 */
public final class OtlpReceiver {

    public record ExportedSpan(String traceId, String name, int kind, Map<String, String> attributes) {
        public static final int SERVER = 2;
    }

    private final HttpServer server;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();

    private OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                byte[] answer = new byte[0];
                if (exchange.getRequestMethod().equals("POST")) {
                    received.add(body);
                } else {
                    answer = concatenated();
                }
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** Starts one on a free port; its endpoint is http://127.0.0.1:port. */
    public static String start() {
        try {
            return "http://127.0.0.1:" + new OtlpReceiver().server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every export request the receiver at {@code endpoint} has been sent so far, in arrival order. */
    public static List<byte[]> received(String endpoint) throws IOException, InterruptedException {
        byte[] all = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/received")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        List<byte[]> bodies = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            while (in.available() > 0) {
                bodies.add(in.readNBytes(in.readInt()));
            }
        }
        return bodies;
    }

    private byte[] concatenated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (byte[] body : received) {
            out.writeInt(body.length);
            out.write(body);
        }
        return bytes.toByteArray();
    }

    /** The spans of one ExportTraceServiceRequest: resource_spans(1) → scope_spans(2) → spans(2). */
    public static List<ExportedSpan> spans(byte[] exportRequest) {
        List<ExportedSpan> spans = new ArrayList<>();
        for (byte[] resourceSpans : bytes(exportRequest, 1)) {
            for (byte[] scopeSpans : bytes(resourceSpans, 2)) {
                for (byte[] span : bytes(scopeSpans, 2)) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (byte[] keyValue : bytes(span, 9)) {
                        attributes.put(text(keyValue, 1), value(bytes(keyValue, 2)));
                    }
                    spans.add(new ExportedSpan(HexFormat.of().formatHex(bytes(span, 1).get(0)), text(span, 5),
                            (int) number(span, 6), attributes));
                }
            }
        }
        return spans;
    }

    /** An AnyValue as text: string_value(1), bool_value(2), int_value(3); other kinds as "?". */
    private static String value(List<byte[]> anyValue) {
        if (anyValue.isEmpty()) {
            return "";
        }
        Map<Integer, List<Object>> fields = fields(anyValue.get(0));
        if (fields.containsKey(1)) {
            return new String((byte[]) fields.get(1).get(0), UTF_8);
        }
        if (fields.containsKey(2) || fields.containsKey(3)) {
            long number = (Long) fields.getOrDefault(2, fields.get(3)).get(0);
            return fields.containsKey(2) ? Boolean.toString(number != 0) : Long.toString(number);
        }
        return "?";
    }

    private static List<byte[]> bytes(byte[] message, int field) {
        return fields(message).getOrDefault(field, List.of()).stream().map(byte[].class::cast).toList();
    }

    private static String text(byte[] message, int field) {
        List<byte[]> values = bytes(message, field);
        return values.isEmpty() ? "" : new String(values.get(0), UTF_8);
    }

    private static long number(byte[] message, int field) {
        return (Long) fields(message).getOrDefault(field, List.of(0L)).get(0);
    }

    /** Protobuf's wire format: each field number with its values, varints and fixed numbers as Long, the rest as bytes. */
    private static Map<Integer, List<Object>> fields(byte[] message) {
        Map<Integer, List<Object>> fields = new LinkedHashMap<>();
        try (InputStream in = new ByteArrayInputStream(message)) {
            while (in.available() > 0) {
                long tag = varint(in);
                Object value = switch ((int) (tag & 7)) {
                    case 0 -> varint(in);
                    case 1 -> fixed(in, 8);
                    case 2 -> in.readNBytes((int) varint(in));
                    case 5 -> fixed(in, 4);
                    default -> throw new IllegalArgumentException("wire type " + (tag & 7));
                };
                fields.computeIfAbsent((int) (tag >>> 3), number -> new ArrayList<>()).add(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    private static long varint(InputStream in) throws IOException {
        long value = 0;
        for (int shift = 0;; shift += 7) {
            int b = in.read();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static long fixed(InputStream in, int size) throws IOException {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) in.read() << (8 * i);
        }
        return value;
    }
}
