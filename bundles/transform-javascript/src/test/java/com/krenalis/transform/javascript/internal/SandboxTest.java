package com.krenalis.transform.javascript.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way out of the sandbox we know of, tried from inside {@code transform}: each fails that record with a
 * TransformationException, and the same function then transforms the next record.
 */
class SandboxTest {
    private static TransformationFunction function;

    /** Runs the record's {@code attack} as code, through {@code new Function}, so one function tries them all. */
    @BeforeAll
    static void compile() throws TransformationException {
        function = Engines.compile("""
                function transform(record) {
                  if (record.attack) {
                    const result = new Function(record.attack)();
                    return { escaped: String(result) };
                  }
                  return { ok: true, n: record.n };
                }
                """);
    }

    @AfterAll
    static void close() {
        function.close();
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                // host classes
                Arguments.of("host class lookup", "return Java.type('java.lang.System')"),
                Arguments.of("host package globals", "return java.lang.System"),
                Arguments.of("host packages object", "return Packages.java.lang.Runtime.getRuntime()"),
                Arguments.of("host class through Function", "return this.constructor.constructor('return Java')().type('java.lang.Runtime')"),
                Arguments.of("Java.extend", "return Java.extend(Object)"),
                // JVM exit
                Arguments.of("System.exit", "Java.type('java.lang.System').exit(3)"),
                Arguments.of("quit", "quit(3)"),
                Arguments.of("exit", "exit(3)"),
                Arguments.of("process.exit", "process.exit(3)"),
                // files and URLs
                Arguments.of("load a file", "return load('/etc/passwd')"),
                Arguments.of("load a URL", "return load('http://127.0.0.1:9/x.js')"),
                Arguments.of("loadWithNewGlobal", "return loadWithNewGlobal({ name: 'x', script: '1' })"),
                Arguments.of("read", "return read('/etc/passwd')"),
                Arguments.of("readFully", "return readFully('/etc/passwd')"),
                Arguments.of("readbuffer", "return readbuffer('/etc/passwd')"),
                Arguments.of("require fs", "return require('fs').readFileSync('/etc/passwd')"),
                Arguments.of("java.nio Files", "return Java.type('java.nio.file.Files').readString(Java.type('java.nio.file.Path').of('/etc/passwd'))"),
                Arguments.of("Polyglot.evalFile", "return Polyglot.evalFile('js', '/etc/passwd')"),
                // sockets
                Arguments.of("fetch", "return fetch('http://127.0.0.1:9/')"),
                Arguments.of("XMLHttpRequest", "return new XMLHttpRequest()"),
                Arguments.of("WebSocket", "return new WebSocket('ws://127.0.0.1:9/')"),
                Arguments.of("java.net.Socket", "return new (Java.type('java.net.Socket'))('127.0.0.1', 9)"),
                Arguments.of("require net", "return require('net').connect(9, '127.0.0.1')"),
                // processes
                Arguments.of("ProcessBuilder", "return new (Java.type('java.lang.ProcessBuilder'))('id').start()"),
                Arguments.of("Runtime.exec", "return Java.type('java.lang.Runtime').getRuntime().exec('id')"),
                Arguments.of("require child_process", "return require('child_process').execSync('id')"),
                Arguments.of("$EXEC", "return $EXEC('id')"),
                // native code
                Arguments.of("NFI", "return Polyglot.eval('nfi', 'load \"libc.so.6\"')"),
                Arguments.of("System.loadLibrary", "return Java.type('java.lang.System').loadLibrary('c')"),
                // threads
                Arguments.of("java.lang.Thread", "return new (Java.type('java.lang.Thread'))(() => {}).start()"),
                Arguments.of("Worker", "return new Worker('x.js')"),
                Arguments.of("Atomics.wait", "return Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)"),
                // environment
                Arguments.of("process.env", "return process.env.HOME"),
                Arguments.of("$ENV", "return $ENV.HOME"),
                Arguments.of("System.getenv", "return Java.type('java.lang.System').getenv('HOME')"),
                Arguments.of("System.getProperty", "return Java.type('java.lang.System').getProperty('user.home')"),
                // other languages
                Arguments.of("Polyglot.eval python", "return Polyglot.eval('python', '1 + 1')"),
                Arguments.of("Polyglot.eval js", "return Polyglot.eval('js', '1 + 1')"),
                Arguments.of("Polyglot.import", "return Polyglot.import('secret')"),
                // the shell's extras
                Arguments.of("Graal object", "return Graal.versionGraalVM"),
                Arguments.of("print", "print('x')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void anEscapeFailsItsRecordAndTheFunctionGoesOn(String name, String attack) throws Exception {
        TransformationException e = assertThrows(TransformationException.class,
                () -> function.apply(Map.of("attack", attack)), () -> name + " was not refused");
        assertTrue(e.getMessage().matches("^(ReferenceError|TypeError): .*"), name + ": " + e.getMessage());
        assertEquals(Map.of("ok", true, "n", 1L), function.apply(Map.of("n", 1L)));
    }

    @Test
    void onlyStandardJavaScriptGlobalsExist() throws Exception {
        try (TransformationFunction f = Engines.compile("function transform(r) { return { names: Object.getOwnPropertyNames(globalThis) }; }")) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) f.apply(Map.of()).get("names");
            for (String hostOnly : List.of("Java", "java", "javax", "Packages", "Polyglot", "Graal", "load", "loadWithNewGlobal",
                    "print", "printErr", "quit", "exit", "read", "readFully", "readbuffer", "require", "process", "fetch",
                    "XMLHttpRequest", "WebSocket", "Worker", "setTimeout", "$ENV", "$EXEC", "$ARG", "arguments")) {
                assertTrue(!names.contains(hostOnly), () -> hostOnly + " is reachable: " + names);
            }
            assertTrue(names.containsAll(List.of("JSON", "Math", "Date", "Object", "Array", "console", "Intl")), names::toString);
        }
    }

    @Test
    void dynamicImportIsRejected() throws Exception {
        try (TransformationFunction f = Engines.compile("""
                let outcome = 'pending';
                function transform(record) {
                  if (record.start) {
                    import(record.start).then(() => { outcome = 'imported'; }, (e) => { outcome = String(e); });
                    return { started: true };
                  }
                  return { outcome };
                }
                """)) {
            for (String target : List.of("/etc/passwd", "file:///etc/hostname", "http://127.0.0.1:9/x.mjs", "fs")) {
                f.apply(Map.of("start", target)); // the promise settles once the call returns
                String outcome = (String) f.apply(Map.of()).get("outcome");
                assertTrue(outcome.startsWith("Error") || outcome.startsWith("TypeError"), target + ": " + outcome);
            }
        }
    }

    @Test
    void consoleWorksAndPrintsNowhere() throws Exception {
        try (TransformationFunction f = Engines.compile("function transform(r) { console.log('secret', r); console.error('x'); return { logged: true }; }")) {
            assertEquals(Map.of("logged", true), f.apply(Map.of("a", 1L)));
        }
    }

    @Test
    void evalStaysInsideTheSandbox() throws Exception {
        try (TransformationFunction f = Engines.compile("function transform(r) { return { v: eval('1 + 2'), w: new Function('return 4')() }; }")) {
            assertEquals(Map.of("v", 3L, "w", 4L), f.apply(Map.of()));
        }
    }
}
