package com.krenalis.transform.javascript.internal;

import java.io.InputStream;
import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;

/**
 * What guest code may do: the one place that builds GraalJS engines and contexts. Both use GraalVM's
 * {@link SandboxPolicy#CONSTRAINED} policy, which makes GraalVM itself refuse any builder setting that would open the
 * sandbox; on top of it every permission is denied explicitly, so the intent reads here and does not depend on
 * defaults. Guest code gets plain JavaScript only: no host objects or classes, no files, sockets, processes, threads,
 * native code, environment, other languages or output.
 */
final class Sandbox {
    static final String LANGUAGE = "js";
    private static final String ATTACH_FAILURE_ACTION = "polyglotimpl.AttachLibraryFailureAction";

    /** No member of any host object is reachable, and no host object maps to a mutable guest value. */
    private static final HostAccess NO_HOST_ACCESS = HostAccess.newBuilder().allowMutableTargetMappings().build();

    private Sandbox() {
    }

    /**
     * The engine shared by all contexts of one bundle activation. Truffle finds its languages through the thread's
     * context class loader, which must be this bundle's loader (the embedded GraalVM jars are on its class path).
     */
    static Engine newEngine() {
        // Truffle loads a native helper (libtruffleattach) that a JVM lets only one class loader load: after the bundle
        // is updated or re-installed, the new copy cannot, and Truffle would print a warning on stderr at every
        // activation. The helper serves only the optimized runtime (absent on a stock JDK) and native access (denied
        // to guests), so its absence changes nothing here. The property is read only by Truffle, which lives only in
        // this bundle; an operator's own setting wins.
        if (System.getProperty(ATTACH_FAILURE_ACTION) == null) {
            System.setProperty(ATTACH_FAILURE_ACTION, "ignore");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Sandbox.class.getClassLoader());
        try {
            return Engine.newBuilder(LANGUAGE)
                    .sandbox(SandboxPolicy.CONSTRAINED)
                    .in(InputStream.nullInputStream())
                    .out(OutputStream.nullOutputStream())
                    .err(OutputStream.nullOutputStream())
                    // A stock JDK has no Graal JIT: Truffle interprets, and would say so on every start.
                    .option("engine.WarnInterpreterOnly", "false")
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A fresh JavaScript context with nothing but the language. */
    static Context newContext(Engine engine) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Sandbox.class.getClassLoader());
        try {
            return Context.newBuilder(LANGUAGE)
                    .engine(engine)
                    .sandbox(SandboxPolicy.CONSTRAINED)
                    .allowHostAccess(NO_HOST_ACCESS)
                    .allowHostClassLookup(className -> false)
                    .allowHostClassLoading(false)
                    .allowIO(IOAccess.NONE)
                    .allowCreateProcess(false)
                    .allowCreateThread(false)
                    .allowNativeAccess(false)
                    .allowEnvironmentAccess(EnvironmentAccess.NONE)
                    .allowPolyglotAccess(PolyglotAccess.NONE)
                    .allowValueSharing(false)
                    .allowExperimentalOptions(false)
                    .allowInnerContextOptions(false)
                    .useSystemExit(false)
                    // console.* stays (functions written elsewhere log), its output is discarded.
                    .in(InputStream.nullInputStream())
                    .out(OutputStream.nullOutputStream())
                    .err(OutputStream.nullOutputStream())
                    // Shell built-ins that read files or print: gone (with IO denied they could not read anyway).
                    .option("js.load", "false")
                    .option("js.print", "false")
                    .option("js.graal-builtin", "false")
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
