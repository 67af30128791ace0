package com.krenalis.connector.json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text, each at most {@link #MAX_CHARS} long: a longer line (a whole array on one line read as
 * NDJSON, a file that is not text) is skipped and reported as {@link #TOO_LONG} instead of filling the memory.
 * Lines end at {@code \n}, {@code \r\n} or {@code \r}.
 */
final class LineReader {
    static final int MAX_CHARS = 16 * 1024 * 1024;
    /** Returned, as this very instance, in place of a line that is too long. */
    static final String TOO_LONG = new String("(too long)");

    private final BufferedReader in;
    private final StringBuilder line = new StringBuilder();
    private long number;

    LineReader(Reader in) {
        this.in = new BufferedReader(in, 64 * 1024);
    }

    /** The 1-based number of the line {@link #next} returned last. */
    long number() {
        return number;
    }

    /** The next line without its end, {@link #TOO_LONG}, or null at the end of the text. */
    String next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        int c = in.read();
        if (c == -1) {
            return null;
        }
        number++;
        while (c != -1 && c != '\n' && c != '\r') {
            if (line.length() < MAX_CHARS) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
            c = in.read();
        }
        if (c == '\r') {
            in.mark(1);
            if (in.read() != '\n') {
                in.reset();
            }
        }
        return tooLong ? TOO_LONG : line.toString();
    }
}
