package com.krenalis.transform.python.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;

/** The guards themselves, on objects user code cannot normally get: Java objects, real modules, the runtime. */
class AttributeGuardTest {
    private static PythonRuntime runtime;
    private static FunctionScope scope;

    @BeforeAll
    static void enter() throws Exception {
        runtime = Engines.ENGINE.runtime();
        runtime.enter();
        scope = new FunctionScope(runtime);
    }

    private static String denial(PyObject obj, String name) {
        PyException e = assertThrows(PyException.class, () -> AttributeGuard.read(scope, obj, name));
        assertTrue(e.match(Py.AttributeError), e.toString());
        return PythonErrors.exception(e);
    }

    @Test
    void javaObjectsAndClassesHaveNoAttributes() {
        PyObject file = Py.java2py(new File("/etc/passwd"));
        assertTrue(AttributeGuard.isJava(file));
        assertTrue(denial(file, "getPath").endsWith("Java objects cannot be used"));
        assertTrue(denial(file, "getClass").endsWith("Java objects cannot be used"));
        PyObject system = Py.java2py(System.class);
        assertTrue(AttributeGuard.isJava(system));
        assertTrue(denial(system, "exit").endsWith("Java objects cannot be used"));
        PyObject thread = Py.java2py(Thread.currentThread());
        assertTrue(denial(thread, "getContextClassLoader").endsWith("Java objects cannot be used"));
        assertFalse(AttributeGuard.isJava(new PyString("x")));
        assertFalse(AttributeGuard.isJava(Py.newUnicode("x")));
    }

    @Test
    void realModulesAreNotReadableOnlyFacades() {
        PyObject json = runtime.module("json");
        assertTrue(denial(json, "dumps").endsWith("only allowed modules can be used"));
        PyObject facade = scope.facade("json");
        assertEquals("dumps", AttributeGuard.read(scope, facade, "dumps").__findattr__("__name__").toString());
        assertSame(facade, scope.facade("json"), "one facade per module and function");
        FunctionScope other = new FunctionScope(runtime);
        PyObject otherFacade = other.facade("json");
        assertTrue(otherFacade != facade, "each function has its own facades");
        assertTrue(denial(otherFacade, "dumps").endsWith("only allowed modules can be used"),
                "a function cannot read another's facades");
    }

    @Test
    void everyFacadeHoldsExactlyItsExportsAndNothingJavaOrShared() {
        for (Map.Entry<String, List<String>> module : AllowedModules.EXPORTS.entrySet()) {
            PyObject facade = new FunctionScope(runtime).facade(module.getKey());
            for (String name : module.getValue()) {
                PyObject value = facade.__findattr__(name);
                assertTrue(value != null && AttributeGuard.isFacadeValue(value), module.getKey() + "." + name);
            }
            assertEquals(module.getValue().size() + 2, facade.__getattr__("__dict__").__len__(),
                    module.getKey() + ": only the exports, __name__ and __doc__");
        }
    }

    @Test
    void randomIsPerFunction() {
        PyObject first = new FunctionScope(runtime).facade("random");
        PyObject second = new FunctionScope(runtime).facade("random");
        first.__getattr__("seed").__call__(Py.newInteger(1));
        second.__getattr__("seed").__call__(Py.newInteger(1));
        PyObject a = first.__getattr__("random").__call__();
        first.__getattr__("random").__call__();
        PyObject b = second.__getattr__("random").__call__();
        assertEquals(a, b, "reseeding and drawing from one function's generator leaves the other's alone");
    }

    @Test
    void dangerousBuiltinsAreWithheld() {
        List<String> withheld = SafeBuiltins.withheld(runtime.builtins());
        for (String name : List.of("open", "file", "eval", "execfile", "compile", "reload", "input", "raw_input",
                "globals", "locals", "vars", "memoryview", "buffer", "intern", "__import__")) {
            assertTrue(withheld.contains(name), name);
        }
        for (String name : List.of("len", "getattr", "str", "print", "ValueError", "isinstance")) {
            assertFalse(withheld.contains(name), name);
        }
    }

    @Test
    void theRuntimeItselfCanNoLongerImportJava() {
        PyStringMap namespace = new PyStringMap();
        for (String statement : List.of("import java.lang", "from java.io import File", "import javax.script",
                "from org.python.core import Py", "import com.sun.management", "import io.netty")) {
            PyException e = assertThrows(PyException.class, () -> Py.runCode(Py.compile_flags(statement, "<test>",
                    CompileMode.exec, new CompilerFlags()), namespace, namespace), statement);
            assertTrue(e.match(Py.ImportError), statement + ": " + e);
        }
        Py.runCode(Py.compile_flags("import io, json", "<test>", CompileMode.exec, new CompilerFlags()), namespace,
                namespace);
    }

    @Test
    void formatFieldsWithAttributesAreRefused() {
        for (String ok : List.of("{0}", "{}", "{name}", "{0[key]}", "{0!r:>10}", "{{0.x}}", "{0:{1}}", "a.b {0}")) {
            SafeFormat.check(ok);
        }
        for (String bad : List.of("{0.x}", "{name.__class__}", "{0[k].x}", "{0:{1.x}}", "{{}}{0.y}")) {
            assertThrows(PyException.class, () -> SafeFormat.check(bad), bad);
        }
    }
}
