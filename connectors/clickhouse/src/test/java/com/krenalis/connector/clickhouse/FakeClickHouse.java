package com.krenalis.connector.clickhouse;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A stand-in for ClickHouse's HTTP interface that answers with bytes this test writes in RowBinaryWithNamesAndTypes,
 * the format the client asks for. It checks the wire (what the client sends, how it decodes a result) without a
 * server; the behaviour of a real server is the conformance test's business.
 */
final class FakeClickHouse implements AutoCloseable {
    /** One request as received: its query-string parameters, headers and SQL. */
    record Request(Map<String, String> parameters, Map<String, List<String>> headers, String sql) {
    }

    /** An answer: a status and a body, plus an exception code for errors. */
    record Answer(int status, byte[] body, Integer exceptionCode) {
        static Answer ok(byte[] body) {
            return new Answer(200, body, null);
        }

        static Answer error(int status, int code, String message) {
            return new Answer(status, message.getBytes(StandardCharsets.UTF_8), code);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    FakeClickHouse(Function<Request, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> params = new LinkedHashMap<>();
            String q = exchange.getRequestURI().getRawQuery();
            if (q != null) {
                for (String pair : q.split("&")) {
                    int eq = pair.indexOf('=');
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            Request request = new Request(params, Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Answer answer = answers.apply(request);
            exchange.getResponseHeaders().add("X-ClickHouse-Timezone", "UTC");
            exchange.getResponseHeaders().add("X-ClickHouse-Format", "RowBinaryWithNamesAndTypes");
            if (answer.exceptionCode() != null) {
                exchange.getResponseHeaders().add("X-ClickHouse-Exception-Code", answer.exceptionCode().toString());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Writes a RowBinaryWithNamesAndTypes result: the header, then values appended in row order. */
    static final class Result {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Result(List<String> names, List<String> types) {
            varint(names.size());
            names.forEach(this::string);
            types.forEach(this::string);
        }

        Result varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Result string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            out.writeBytes(b);
            return this;
        }

        /** The null flag of a Nullable value: 1 for null (then nothing follows), 0 before a value. */
        Result isNull(boolean isNull) {
            out.write(isNull ? 1 : 0);
            return this;
        }

        Result int64(long v) {
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            return this;
        }

        Result uint16(int v) {
            out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array());
            return this;
        }

        Result bool(boolean v) {
            out.write(v ? 1 : 0);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
