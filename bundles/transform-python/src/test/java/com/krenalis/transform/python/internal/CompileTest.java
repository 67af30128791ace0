package com.krenalis.transform.python.internal;

import static com.krenalis.transform.python.internal.Engines.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What compile accepts, and the messages (with line numbers) of what it refuses. */
class CompileTest {

    private static String failure(String source) {
        return assertThrows(TransformationException.class, () -> compile(source).close()).getMessage();
    }

    @Test
    void engineDescribesItself() {
        assertEquals("python", Engines.ENGINE.language());
        assertEquals("Python 2.7 (Jython 2.7.4)", Engines.ENGINE.name());
    }

    @Test
    void syntaxErrorsNameTheLine() {
        String message = failure("x = 1\n\ndef transform(record)\n    return record\n");
        assertTrue(message.startsWith("line 3, column 21: syntax error: "), message);
        message = failure("def transform(record):\n    return {'a': 1\n");
        assertTrue(message.startsWith("line 2") || message.startsWith("line 3"), message);
        message = failure("def transform(record):\nreturn record\n");
        assertTrue(message.startsWith("line 2"), message);
    }

    @Test
    void aMissingTransformIsNamed() {
        assertEquals("the source defines no function transform(record)", failure("def transfrom(record):\n    pass\n"));
        assertEquals("the source defines no function transform(record)", failure(""));
        assertEquals("the source defines no function transform(record)", failure("# only a comment\n"));
    }

    @Test
    void transformMustTakeOneArgument() {
        String expected = "transform must be a function taking one argument: def transform(record):";
        assertEquals(expected, failure("transform = 42\n"));
        assertEquals(expected, failure("def transform():\n    pass\n"));
        assertEquals(expected, failure("def transform(a, b):\n    pass\n"));
        assertEquals(expected, failure("class transform(object):\n    pass\n"));
    }

    @Test
    void otherSignaturesThatTakeOneArgumentAreAccepted() throws Exception {
        for (String source : List.of("def transform(record, extra=1):\n    return record\n",
                "def transform(*args):\n    return args[0]\n", "transform = lambda record: record\n")) {
            try (TransformationFunction f = compile(source)) {
                assertEquals(Map.of("a", 1L), f.apply(Map.of("a", 1L)), source);
            }
        }
    }

    @Test
    void moduleCodeRunsOnceAtCompileAndItsErrorsNameTheLine() throws Exception {
        assertEquals("line 2: ZeroDivisionError: float division",
                failure("x = 1\ny = x / 0\ndef transform(record):\n    return record\n"));
        try (TransformationFunction f = compile("import json\nTABLE = json.loads('{\"a\": \"b\"}')\n"
                + "def transform(record):\n    return {'v': TABLE.get(record['k'])}\n")) {
            assertEquals(Map.of("v", "b"), f.apply(Map.of("k", "a")));
        }
    }

    @Test
    void moduleCodeHasTheTimeLimitToo() {
        assertEquals("time limit exceeded: the call ran longer than 500 ms",
                failure("while True:\n    pass\ndef transform(record):\n    return record\n"));
    }

    @Test
    void runtimeErrorsNameTheLineOfTheFunction() throws Exception {
        try (TransformationFunction f = compile("def helper(r):\n    return r['missing']\n\n"
                + "def transform(record):\n    return {'v': helper(record)}\n")) {
            TransformationException e = assertThrows(TransformationException.class, () -> f.apply(Map.of()));
            assertEquals("line 2: KeyError: 'missing'", e.getMessage());
        }
    }

    @Test
    void userExceptionsShowTheirArgumentsWithoutRunningTheirCode() throws Exception {
        try (TransformationFunction f = compile("class Bad(Exception):\n    def __str__(self):\n"
                + "        while True: pass\n\ndef transform(record):\n    raise Bad('invalid email', 3)\n")) {
            TransformationException e = assertThrows(TransformationException.class, () -> f.apply(Map.of()));
            assertEquals("line 6: Bad: 'invalid email', 3", e.getMessage());
        }
    }

    @Test
    void pythonThreeStyleSourceCompiles() throws Exception {
        try (TransformationFunction f = compile("from __future__ import print_function\n"
                + "def transform(record):\n    print('ignored', end='')\n"
                + "    return {'half': 1 / 2, 'text': str(1) + 'é', 'isstr': isinstance('x', str)}\n")) {
            assertEquals(Map.of("half", 0.5, "text", "1é", "isstr", true), f.apply(Map.of()));
        }
    }

    @Test
    void tooLongSourcesAreRefused() {
        String source = "x = 1\n".repeat(PythonEngine.MAX_SOURCE_CHARS / 6 + 1);
        assertEquals("the source is longer than 1048576 characters", failure(source));
    }

    @Test
    void compileIsThreadSafe() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                long n = i;
                Callable<Object> task = () -> {
                    try (TransformationFunction f = compile("import re\nN = " + n + "\n"
                            + "def transform(record):\n    return {'n': N, 'm': re.sub('a', 'b', record['s'])}\n")) {
                        return f.apply(Map.of("s", "aa"));
                    }
                };
                results.add(threads.submit(task));
            }
            for (int i = 0; i < 16; i++) {
                assertEquals(Map.of("n", (long) i, "m", "bb"), results.get(i).get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
