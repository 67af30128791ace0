package com.krenalis.transform.python.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.python.core.Py;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyType;
import org.python.core.PyUnicode;

/**
 * The builtins of user code. Jython resolves a name the function does not define in the interpreter's own builtins
 * (it ignores {@code __builtins__} in globals), so the safe ones are put in each function's globals, and the checker
 * (sandbox.py) refuses every other builtin name in the source: with no {@code eval}, {@code globals()} or frames to
 * look names up dynamically, a name not written in the source is never looked up.
 */
final class SafeBuiltins {
    private SafeBuiltins() {
    }

    /** Real builtins given to user code as they are. */
    static final Set<String> AS_IS = Set.of(
            "abs", "all", "any", "basestring", "bin", "bool", "bytearray", "callable", "chr", "classmethod", "cmp",
            "complex", "dict", "dir", "divmod", "enumerate", "filter", "float", "format", "frozenset", "hash", "hex",
            "id", "int", "isinstance", "issubclass", "iter", "len", "list", "long", "map", "max", "min", "next",
            "object", "oct", "ord", "pow", "property", "range", "reduce", "repr", "reversed", "round", "set",
            "slice", "sorted", "staticmethod", "sum", "super", "tuple", "type", "unichr", "unicode", "xrange", "zip",
            "True", "False", "None", "NotImplemented", "Ellipsis");

    /** Builtins replaced by guards: user code may call them but not rebind or delete them (sandbox.py). */
    static final List<String> GUARDED = List.of("getattr", "hasattr", "setattr", "delattr");

    /** Other replacements: {@code str} is {@code unicode} (text is unicode everywhere), {@code print} discards. */
    static final Set<String> REPLACED = Set.of("str", "bytes", "print");

    /** The real builtin names user code may not use at all: everything not given (open, eval, __import__...). */
    static List<String> withheld(PyObject realBuiltins) {
        List<String> names = new ArrayList<>();
        for (PyObject key : realBuiltins.asIterable()) {
            String name = key.toString();
            if (!AS_IS.contains(name) && !GUARDED.contains(name) && !REPLACED.contains(name)
                    && !isException(realBuiltins.__finditem__(name))) {
                names.add(name);
            }
        }
        return names;
    }

    /** Copies the safe builtins (and every exception class) of {@code realBuiltins} into {@code globals}. */
    static void install(PyObject realBuiltins, PyObject globals, FunctionScope scope) {
        for (PyObject key : realBuiltins.asIterable()) {
            String name = key.toString();
            PyObject value = realBuiltins.__finditem__(name);
            if (AS_IS.contains(name) || isException(value)) {
                globals.__setitem__(name, value);
            }
        }
        globals.__setitem__("str", PyUnicode.TYPE);
        globals.__setitem__("bytes", PyString.TYPE);
        globals.__setitem__("print", GuardFunctions.print());
        globals.__setitem__("getattr", GuardFunctions.getattr(scope));
        globals.__setitem__("hasattr", GuardFunctions.hasattr(scope));
        globals.__setitem__("setattr", GuardFunctions.setattr(scope));
        globals.__setitem__("delattr", GuardFunctions.delattr(scope));
    }

    /** Exception and warning classes: all harmless, and user code raises and catches them. */
    private static boolean isException(PyObject value) {
        return value instanceof PyType type && type.isSubType((PyType) Py.BaseException);
    }
}
