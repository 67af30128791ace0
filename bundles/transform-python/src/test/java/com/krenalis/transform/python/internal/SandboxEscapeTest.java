package com.krenalis.transform.python.internal;

import static com.krenalis.transform.python.internal.Engines.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every way out of the sandbox we know of, tried for real. Each attack sits in
 * {@code if record.get('attack'):} at line 4 of its source: it is refused when the function compiles, or it fails
 * the attacking record only, and the same function then still transforms the next record.
 */
class SandboxEscapeTest {
    private static final Map<String, Object> OK = Map.of("ok", true);

    /** "compile: ..." or "apply: ..." with the message the attack got. */
    private static String attack(String header, String... attack) throws Exception {
        String source = header + "\ndef transform(record):\n    if record.get('attack'):\n        "
                + String.join("\n        ", attack) + "\n    return {'ok': True}\n";
        TransformationFunction f;
        try {
            f = compile(source);
        } catch (TransformationException e) {
            return "compile: " + e.getMessage();
        }
        try (f) {
            assertEquals(OK, f.apply(Map.of()), "the function works before the attack");
            TransformationException e = assertThrows(TransformationException.class, () -> f.apply(Map.of("attack", true)),
                    () -> "the attack did not fail: " + source);
            assertEquals(OK, f.apply(Map.of()), "the function works after the attack");
            return "apply: " + e.getMessage();
        }
    }

    private static String attack(String attack) throws Exception {
        return attack("", attack);
    }

    @Test
    void files() throws Exception {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "krenalis-python-escape-" + ProcessHandle.current().pid());
        assertEquals("compile: line 4: 'open' is not available in transformations", attack("open('/etc/passwd')"));
        assertEquals("compile: line 4: 'open' is not available in transformations",
                attack("open('" + target + "', 'w').write('x')"));
        assertEquals("compile: line 4: 'file' is not available in transformations", attack("file('/etc/passwd')"));
        assertEquals("compile: line 4: 'execfile' is not available in transformations", attack("execfile('/etc/passwd')"));
        assertEquals("compile: line 1: module 'io' cannot be imported in transformations (allowed: base64, calendar,"
                + " collections, copy, datetime, functools, hashlib, itertools, json, math, random, re, string, time,"
                + " unicodedata, urlparse, uuid)", attack("import io", "io.open('/etc/passwd')"));
        assertFalse(Files.exists(target));
    }

    @Test
    void processesAndSockets() throws Exception {
        assertEquals("compile: line 1: module 'os' cannot be imported", prefix(attack("import os", "os.system('id')")));
        assertEquals("compile: line 4: module 'os' cannot be imported", prefix(attack("import os; os.system('id')")));
        assertEquals("compile: line 4: module 'subprocess' cannot be imported", prefix(attack("import subprocess")));
        assertEquals("compile: line 4: module 'socket' cannot be imported", prefix(attack("import socket")));
        assertEquals("compile: line 4: module 'ctypes' cannot be imported", prefix(attack("import ctypes")));
        assertEquals("compile: line 4: module 'urllib' cannot be imported", prefix(attack("from urllib import urlopen")));
    }

    @Test
    void javaClasses() throws Exception {
        assertEquals("compile: line 4: module 'java.lang.System' cannot be imported",
                prefix(attack("import java.lang.System; System.exit(0)")));
        assertEquals("compile: line 4: module 'java.lang' cannot be imported",
                prefix(attack("from java.lang import System; System.exit(0)")));
        assertEquals("compile: line 4: module 'java.io' cannot be imported", prefix(attack("from java.io import File")));
        assertEquals("compile: line 4: module 'org.python.core' cannot be imported",
                prefix(attack("from org.python.core import Py")));
        assertEquals("compile: line 4: names starting with '__' are not allowed: __import__",
                attack("__import__('java.lang').System.exit(0)"));
        assertEquals("compile: line 4: names starting with '__' are not allowed: __builtins__",
                attack("__builtins__['__import__']('os')"));
    }

    @Test
    void exitingTheJvm() throws Exception {
        assertEquals("compile: line 4: module 'sys' cannot be imported", prefix(attack("import sys; sys.exit()")));
        assertEquals("apply: line 4: NameError: global name 'sys' is not defined", attack("sys.exit()"));
        assertEquals("apply: line 4: NameError: global name 'exit' is not defined", attack("exit()"));
        assertEquals("apply: line 4: NameError: global name 'quit' is not defined", attack("quit()"));
        assertEquals("apply: line 4: SystemExit: 0", attack("raise SystemExit(0)"));
    }

    @Test
    void codeFromStrings() throws Exception {
        assertEquals("compile: line 4: 'eval' is not available in transformations", attack("eval(\"__import__('os')\")"));
        assertEquals("compile: line 4: 'compile' is not available in transformations",
                attack("compile('import os', 'x', 'exec')"));
        assertEquals("compile: line 4: exec is not available in transformations", attack("exec 'import os'"));
        assertEquals("compile: line 4: exec is not available in transformations", attack("exec('import os', {})"));
        assertEquals("compile: line 4: 'reload' is not available in transformations", attack("import json", "reload(json)"));
        assertEquals("compile: line 4: 'input' is not available in transformations", attack("input()"));
        assertEquals("apply: line 4: AttributeError: attribute 'func_code' of a function object is not accessible in a"
                + " transformation: functions, methods, frames and code objects expose no attributes",
                attack("type(transform)((lambda: 0).func_code, {})"));
    }

    @Test
    void subclassesOfObject() throws Exception {
        assertEquals("compile: line 4: attributes starting with '_' are not allowed: __subclasses__",
                attack("().__class__.__bases__[0].__subclasses__()"));
        assertEquals("apply: line 4: AttributeError: attribute '__class__' of a tuple object is not accessible in a"
                + " transformation: names starting with '_' are private",
                attack("getattr(getattr(getattr((), '__class__'), '__bases__')[0], '__subclasses__')()"));
        assertEquals("apply: line 4: AttributeError: attribute '__subclasses__' of class object is not accessible in"
                + " a transformation: names starting with '_' are private",
                attack("getattr(object, '__subclasses__')()"));
        assertEquals("apply: line 4: AttributeError: attribute '__subclasses__' of class object is not accessible in"
                + " a transformation: names starting with '_' are private",
                attack("getattr(type(record).mro()[-1], '__sub' + 'classes__')()"));
        assertEquals("apply: line 4: AttributeError: attribute 'mro' of class (Java) is not accessible in a"
                + " transformation: Java objects cannot be used", attack("import math", "type(math.sqrt).mro()"));
    }

    @Test
    void builtinsAndModulesThroughIntrospection() throws Exception {
        assertEquals("compile: line 4: attributes starting with '_' are not allowed: __dict__",
                attack("type(record).__dict__"));
        assertEquals("apply: line 4: AttributeError: attribute '__dict__' of class dict is not accessible in a"
                + " transformation: names starting with '_' are private", attack("getattr(type(record), '__dict__')"));
        assertEquals("apply: line 4: AttributeError: attribute 'func_globals' of a function object is not accessible"
                + " in a transformation: functions, methods, frames and code objects expose no attributes",
                attack("transform.func_globals['__builtins__']"));
        assertEquals("apply: line 4: AttributeError: attribute 'func_globals' of a function object is not accessible"
                + " in a transformation: functions, methods, frames and code objects expose no attributes",
                attack("import json", "json.dumps.func_globals['sys'].modules['os']"));
        assertEquals("apply: line 4: AttributeError: attribute 'gi_frame' of a generator object is not accessible in"
                + " a transformation: functions, methods, frames and code objects expose no attributes",
                attack("(x for x in [1]).gi_frame.f_back.f_globals"));
        assertEquals("apply: line 4: AttributeError: attribute 'im_func' of a builtin_function_or_method object is not"
                + " accessible in a transformation: functions, methods, frames and code objects expose no attributes",
                attack("{}.get.im_func"));
        assertEquals("apply: line 5: AttributeError: attribute 'im_func' of a instancemethod object is not accessible"
                + " in a transformation: functions, methods, frames and code objects expose no attributes",
                attack("class A(object):\n    def m(self): pass", "A().m.im_func.func_globals"));
        assertEquals("apply: line 4: AttributeError: 'module' object has no attribute 'decoder'",
                attack("import json", "json.decoder.sys"));
        assertEquals("compile: line 4: 'globals' is not available in transformations", attack("globals()['__builtins__']"));
        assertEquals("compile: line 4: 'vars' is not available in transformations", attack("vars(record)"));
        assertEquals("compile: line 4: 'locals' is not available in transformations", attack("locals()"));
        assertEquals("compile: line 4: 'getattr' cannot be assigned or deleted in transformations", attack("del getattr"));
        assertEquals("compile: line 4: 'getattr' cannot be assigned or deleted in transformations",
                attack("getattr = lambda o, n: o"));
        assertEquals("compile: line 4: names starting with '__' are not allowed: __name__", attack("__name__"));
    }

    @Test
    void theRecordLeadsToNothingJava() throws Exception {
        assertEquals("apply: line 4: AttributeError: 'dict' object has no attribute 'getClass'",
                attack("record.getClass().getClassLoader()"));
        assertEquals("apply: line 4: AttributeError: 'dict' object has no attribute 'getClass'",
                attack("getattr(record, 'getClass')()"));
        assertEquals("apply: line 5: AttributeError: 'unicode' object has no attribute 'getClass'",
                attack("", "record['attack'] = 'x'", "record['attack'].getClass()"));
        assertEquals("compile: line 4: attributes starting with '_' are not allowed: __tojava__",
                attack("record.__tojava__(object)"));
    }

    @Test
    void formatStringsReadNoAttributes() throws Exception {
        assertEquals("apply: line 4: ValueError: format field '{0.__class__}' reads an attribute, which"
                + " transformations cannot do in format strings; pass the value itself",
                attack("'{0.__class__}'.format(record)"));
        assertEquals("apply: line 4: ValueError: format field '{0.__class__}' reads an attribute, which"
                + " transformations cannot do in format strings; pass the value itself",
                attack("str.format('{0.__class__}', record)"));
        assertEquals("apply: line 4: ValueError: format field '{x.func_globals}' reads an attribute, which"
                + " transformations cannot do in format strings; pass the value itself",
                attack("'{0:{x.func_globals}}'.format(1, x=transform)"));
        assertEquals("apply: line 4: ValueError: format field '{0.real}' reads an attribute, which transformations"
                + " cannot do in format strings; pass the value itself", attack("getattr('{0.real}', 'format')(1)"));
    }

    @Test
    void sharedObjectsCannotBeChanged() throws Exception {
        assertEquals("apply: line 4: TypeError: cannot set or delete attributes of a module in a transformation; only"
                + " of objects of classes the function defines", attack("import json", "json.dumps = None"));
        assertEquals("apply: line 4: TypeError: cannot set or delete attributes of class date in a transformation;"
                + " only of objects of classes the function defines",
                attack("import datetime", "setattr(datetime.date, 'today', None)"));
        assertEquals("apply: line 4: TypeError: cannot set or delete attributes of class datetime in a"
                + " transformation; only of objects of classes the function defines",
                attack("import datetime", "del datetime.datetime.now"));
        assertEquals("apply: line 4: TypeError: cannot set or delete attributes of a builtin_function_or_method"
                + " object in a transformation; only of objects of classes the function defines",
                attack("len.x = 1"));
        // another function is not affected by those attempts, and sees its own facades
        try (TransformationFunction f = compile("import json, datetime\ndef transform(record):\n"
                + "    return {'j': json.dumps(1), 'y': datetime.date(2024, 1, 1).year}\n")) {
            assertEquals(Map.of("j", "1", "y", 2024L), f.apply(Map.of()));
        }
    }

    @Test
    void ownObjectsCanBeChanged() throws Exception {
        try (TransformationFunction f = compile("import json\nclass Point(object):\n    pass\n"
                + "class Encoder(json.JSONEncoder):\n    def __init__(self):\n        super(Encoder, self).__init__(sort_keys=True)\n"
                + "def transform(record):\n    p = Point()\n    p.x = 1\n    setattr(p, 'y', 2)\n    Point.z = 3\n"
                + "    return {'p': [p.x, p.y, p.z, type(p).__name__], 'j': Encoder().encode({'b': 1, 'a': 2})}\n")) {
            assertEquals(Map.of("p", java.util.List.of(1L, 2L, 3L, "Point"), "j", "{\"a\": 2, \"b\": 1}"),
                    f.apply(Map.of()));
        }
        assertEquals("apply: line 4: AttributeError: attribute '__init__' of class JSONEncoder is not accessible in a"
                + " transformation: names starting with '_' are private",
                attack("import json", "json.JSONEncoder.__init__(json.JSONEncoder())"));
    }

    private static String prefix(String message) {
        int cut = message.indexOf(" cannot be imported");
        return cut < 0 ? message : message.substring(0, cut + " cannot be imported".length());
    }
}
