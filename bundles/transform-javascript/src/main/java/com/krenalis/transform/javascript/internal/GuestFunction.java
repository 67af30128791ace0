package com.krenalis.transform.javascript.internal;

import com.krenalis.api.transform.TransformationException;
import java.time.Duration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A user's source loaded into a context of its own, with its {@code transform} wrapped by the bridge: the bridge
 * parses the input JSON, calls {@code transform}, and returns the output as JSON text, null to drop the record, or
 * an object saying why the output is not a record. Built again from the source after a cancel closed the context.
 */
final class GuestFunction implements AutoCloseable {
    /**
     * Evaluated before the user's source, so the built-ins it captures are the originals whatever that source does
     * to the globals; it also removes the globals that only lead to the host (useless without host access anyway) and the
     * shell's script {@code arguments}.
     */
    private static final Source BRIDGE = Source.newBuilder(Sandbox.LANGUAGE, """
            (function () {
              'use strict';
              for (const name of ['Java', 'java', 'javax', 'Packages', 'com', 'org', 'edu', 'javafx', 'arguments']) {
                delete globalThis[name];
              }
              const parse = JSON.parse, stringify = JSON.stringify, isArray = Array.isArray;
              const isDate = (v) => { try { Date.prototype.getTime.call(v); return true; } catch (e) { return false; } };
              return function bind(transform, maxOutputChars) {
                return function call(input) {
                  const output = transform(parse(input));
                  if (output === undefined || output === null) {
                    return null;
                  }
                  if (typeof output !== 'object') {
                    return { notARecord: 'a ' + typeof output };
                  }
                  if (isArray(output)) {
                    return { notARecord: 'an array' };
                  }
                  if (typeof output.then === 'function') {
                    return { notARecord: 'a Promise (transform must not be async)' };
                  }
                  if (isDate(output)) {
                    return { notARecord: 'a Date' };
                  }
                  const json = stringify(output);
                  if (typeof json !== 'string' || json.charAt(0) !== '{') {
                    return { notARecord: 'an object whose toJSON gives ' + (json === undefined ? 'undefined' : json.slice(0, 40)) };
                  }
                  // Each UTF-16 unit is at least one UTF-8 byte: longer than the byte limit is too large for sure.
                  return json.length > maxOutputChars ? { tooLarge: json.length } : json;
                };
              };
            })()
            """, "<bridge>").buildLiteral();

    /** Finds {@code transform} however it was declared (function, const, let, var) and says what is wrong with it. */
    private static final Source LOOKUP = Source.newBuilder(Sandbox.LANGUAGE, """
            (function () {
              if (typeof transform !== 'function') {
                return typeof transform === 'undefined'
                    ? 'the source defines no function transform(record)'
                    : 'transform must be a function, not a ' + typeof transform;
              }
              const kind = transform[Symbol.toStringTag];
              if (kind === 'AsyncFunction' || kind === 'GeneratorFunction' || kind === 'AsyncGeneratorFunction') {
                return 'transform must be a plain function, not an ' + kind + ': it must return the record itself';
              }
              return transform;
            })()
            """, "<lookup>").buildLiteral();

    private final Context context;
    private final Value call;

    private GuestFunction(Context context, Value call) {
        this.context = context;
        this.call = call;
    }

    /**
     * Loads {@code source} into a new context: its top-level code runs here, under {@code watch} with the time limit
     * of one record.
     */
    static GuestFunction load(Engine engine, String source, int maxOutputBytes, Watchdog.Watch watch, Duration limit)
            throws TransformationException {
        Context context = Sandbox.newContext(engine);
        boolean loaded = false;
        try {
            Value bind = context.eval(BRIDGE);
            watch.begin(context, limit);
            Watchdog.Verdict verdict;
            try {
                context.eval(Source.newBuilder(Sandbox.LANGUAGE, source, GuestError.SOURCE_NAME).buildLiteral());
            } catch (PolyglotException e) {
                verdict = watch.end();
                throw new TransformationException(verdict != null
                        ? watch.describe(verdict, limit) + " while running the source's top-level code"
                        : GuestError.describe(e), e);
            }
            watch.end();
            Value transform = context.eval(LOOKUP);
            if (transform.isString()) {
                throw new TransformationException(transform.asString());
            }
            GuestFunction function = new GuestFunction(context, bind.execute(transform, maxOutputBytes));
            loaded = true;
            return function;
        } finally {
            if (!loaded) {
                context.close(true);
            }
        }
    }

    Context context() {
        return context;
    }

    /** One call of the bridge: the guest's JSON text, null, or an object naming what was wrong. */
    Value call(String inputJson) {
        return call.execute(inputJson);
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (IllegalStateException | PolyglotException e) {
            // already closed, e.g. by the engine's close
        }
    }
}
