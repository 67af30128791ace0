package com.krenalis.connector.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body whose every read must return within a time limit. The JDK client's request timeout stops at the
 * response headers, and its body stream has no read timeout of its own: a server that stalls mid-body would hold an
 * import forever. When a read takes too long, an alarm closes the body (which releases the blocked read) and the read
 * fails with a message naming the file.
 */
final class IdleTimeoutInputStream extends FilterInputStream {
    private final ScheduledExecutorService alarms;
    private final long timeoutMillis;
    private final String path;
    private volatile boolean timedOut;

    IdleTimeoutInputStream(InputStream body, ScheduledExecutorService alarms, long timeoutMillis, String path) {
        super(body);
        this.alarms = alarms;
        this.timeoutMillis = timeoutMillis;
        this.path = path;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ScheduledFuture<?> alarm = alarms.schedule(this::expire, timeoutMillis, TimeUnit.MILLISECONDS);
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw timedOut ? stalled() : e;
        } finally {
            alarm.cancel(false);
        }
        if (timedOut) {
            throw stalled(); // the body was closed under the read, which may have returned -1: not the end of the file
        }
        return n;
    }

    /** Through {@link #read(byte[], int, int)}, so that skipping is bounded too (FilterInputStream would not be). */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read == -1) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    private void expire() {
        timedOut = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // the read fails anyway
        }
    }

    private IOException stalled() {
        return new IOException("the server sent no data for " + timeoutMillis / 1000 + " s while sending " + path);
    }
}
