package com.krenalis.transform.python.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.Options;
import org.python.core.Py;
import org.python.core.PyCode;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PySystemState;

/**
 * One warm Jython interpreter state shared by every function of the engine: the standard library modules that
 * functions may import are loaded once (that is what costs ~1 s), then Java imports are shut off. Functions do not
 * share mutable state through it: each has its own namespace and sees the modules through its own facades
 * ({@link FunctionScope}). Jython has no global interpreter lock, so functions run in parallel on it.
 */
final class PythonRuntime {
    private static final Object INITIALIZATION = new Object();
    private static boolean initialized;

    private final PySystemState sys;
    private final PyObject sandbox;
    private final PyObject policy;

    private PythonRuntime(PySystemState sys, PyObject sandbox, PyObject policy) {
        this.sys = sys;
        this.sandbox = sandbox;
        this.policy = policy;
    }

    /** Starts Jython (once per class loader) and a warm interpreter state; takes about a second. */
    static PythonRuntime start(ClassLoader loader) {
        requireNonNull(loader);
        initializeJython(loader);
        PySystemState sys = new PySystemState();
        sys.setClassLoader(loader);
        PySystemState previous = Py.setSystemState(sys);
        try {
            PyObject sandbox = run(resource("sandbox.py"), "<krenalis sandbox>");
            PyObject importer = sys.getBuiltins().__finditem__("__import__");
            for (String module : AllowedModules.NAMES) {
                importer.__call__(new PyString(module));
            }
            AllowedModules.warmUp(sys);
            sandbox.__finditem__("lock_down").__call__();
            List<String> withheld = SafeBuiltins.withheld(sys.getBuiltins());
            PyObject policy = sandbox.__finditem__("Policy").__call__(
                    strings(AllowedModules.NAMES), strings(withheld), strings(SafeBuiltins.GUARDED));
            return new PythonRuntime(sys, sandbox, policy);
        } finally {
            Py.setSystemState(previous);
        }
    }

    /** Binds the calling thread to this interpreter state; every thread that runs Python code calls it first. */
    void enter() {
        Py.setSystemState(sys);
    }

    /**
     * Checks and rewrites a function's source (sandbox.py) and compiles it. The caller has entered the runtime.
     *
     * @throws org.python.core.PyException a SyntaxError, or sandbox.Rejected with the offending line
     */
    PyCode prepare(String source, String filename) {
        PyObject code = sandbox.__finditem__("prepare").__call__(Py.newUnicode(source), new PyString(filename), policy);
        return (PyCode) code;
    }

    /** The interpreter's real builtins: trusted code uses them; user code gets a safe subset (SafeBuiltins). */
    PyObject builtins() {
        return sys.getBuiltins();
    }

    /** The class of the sandbox's rejections, to tell them from syntax errors. */
    PyObject rejectedType() {
        return sandbox.__finditem__("Rejected");
    }

    /** A real module of the runtime (already imported by {@link #start}); only facades of it reach user code. */
    PyObject module(String name) {
        PyObject module = sys.modules.__finditem__(name);
        if (module == null) {
            throw new IllegalStateException("module " + name + " was not loaded at start");
        }
        return module;
    }

    /** Closes the interpreter state; functions of it fail from now on. */
    void close() {
        sys.close();
    }

    private static void initializeJython(ClassLoader loader) {
        synchronized (INITIALIZATION) {
            if (initialized) {
                return;
            }
            // shared/STACK.md pitfall 6: inside a bundle Jython finds its standard library only through the bundle's
            // class loader, and must neither run site.py nor scan jars for a package cache.
            Properties settings = new Properties();
            settings.setProperty("python.path", "__pyclasspath__/Lib");
            settings.setProperty("python.import.site", "false");
            settings.setProperty("python.cachedir.skip", "true");
            settings.setProperty("python.security.respectJavaAccessibility", "true");
            settings.setProperty("python.console.encoding", "UTF-8");
            settings.setProperty("python.verbose", "error");
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                PySystemState.initialize(System.getProperties(), settings, new String[0], loader);
            } finally {
                thread.setContextClassLoader(context);
            }
            Options.importSite = false;
            Options.respectJavaAccessibility = true;
            Options.dont_write_bytecode = true;
            initialized = true;
        }
    }

    /** Runs trusted code in a fresh namespace and returns the namespace. */
    private static PyObject run(String source, String filename) {
        PyStringMap namespace = new PyStringMap();
        namespace.__setitem__("__name__", new PyString("krenalis_sandbox"));
        PyCode code = Py.compile_flags(source, filename, CompileMode.exec, new CompilerFlags());
        Py.runCode(code, namespace, namespace);
        return namespace;
    }

    private static PyList strings(List<String> values) {
        PyList list = new PyList();
        values.forEach(v -> list.append(new PyString(v)));
        return list;
    }

    private static String resource(String name) {
        try (InputStream in = PythonRuntime.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
