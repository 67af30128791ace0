package com.krenalis.transform.javascript.internal;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.util.Map;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A compiled JavaScript function: one context, used by one thread at a time (GraalJS refuses concurrent use). Every
 * failure concerns its record only; after a cancel closed the context, the next record gets a new one, loaded again
 * from the source.
 */
final class JavaScriptFunction implements TransformationFunction {
    private final Engine engine;
    private final String source;
    private final TransformationLimits limits;
    private final Watchdog.Watch watch;
    private GuestFunction guest; // null after a cancel, until the next record
    private boolean closed;

    JavaScriptFunction(Engine engine, String source, TransformationLimits limits, Watchdog.Watch watch, GuestFunction guest) {
        this.engine = engine;
        this.source = source;
        this.limits = limits;
        this.watch = watch;
        this.guest = guest;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> record) throws TransformationException {
        if (record == null) {
            throw new NullPointerException("record");
        }
        if (closed) {
            throw new IllegalStateException("the function is closed");
        }
        String input = RecordEncoder.encode(record);
        GuestFunction g = guest();
        Value result;
        watch.begin(g.context(), limits.timePerRecord());
        try {
            result = g.call(input);
        } catch (PolyglotException e) {
            Watchdog.Verdict verdict = watch.end();
            if (watch.cancelled() || e.isCancelled() || e.isInternalError()) {
                discard(); // the context is closed, or in a state we should not trust: a new one for the next record
            }
            throw new TransformationException(verdict != null ? "transform " + watch.describe(verdict, limits.timePerRecord())
                    : e.isCancelled() ? "the JavaScript engine was stopped" // only the engine's close cancels without a verdict
                    : e.isResourceExhausted() ? "transform ran out of resources: " + e.getMessage()
                    : GuestError.describe(e), e);
        } catch (IllegalStateException e) {
            watch.end();
            discard();
            throw new TransformationException("the JavaScript engine was stopped", e);
        }
        watch.end(); // a call that returned is kept even if the watchdog condemned it meanwhile
        return output(result);
    }

    private Map<String, Object> output(Value result) throws TransformationException {
        if (result.isNull()) {
            return null;
        }
        if (!result.isString()) {
            if (result.hasMember("tooLarge")) {
                throw tooLarge(result.getMember("tooLarge").asLong() + " characters");
            }
            throw new TransformationException("transform must return an object (the output record), or null to drop "
                    + "the record; it returned " + result.getMember("notARecord").asString());
        }
        String json = result.asString();
        long bytes = RecordDecoder.utf8Length(json);
        if (bytes > limits.maxOutputBytes()) {
            throw tooLarge(bytes + " bytes");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> output = (Map<String, Object>) RecordDecoder.decode(json);
            return output;
        } catch (RecordDecoder.DepthException e) {
            throw new TransformationException("the output record is nested deeper than " + RecordDecoder.MAX_DEPTH + " levels");
        }
    }

    private TransformationException tooLarge(String size) {
        return new TransformationException("the output record is " + size + " as JSON, more than the limit of "
                + limits.maxOutputBytes() + " bytes");
    }

    private GuestFunction guest() throws TransformationException {
        if (guest == null) {
            try {
                guest = GuestFunction.load(engine, source, limits.maxOutputBytes(), watch, limits.timePerRecord());
            } catch (IllegalStateException e) {
                throw new TransformationException("the JavaScript engine was stopped", e);
            }
        }
        return guest;
    }

    private void discard() {
        if (guest != null) {
            guest.close();
            guest = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        discard();
    }
}
