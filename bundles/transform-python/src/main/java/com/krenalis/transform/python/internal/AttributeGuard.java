package com.krenalis.transform.python.internal;

import org.python.core.BaseSet;
import org.python.core.Py;
import org.python.core.PyBaseCode;
import org.python.core.PyBeanEvent;
import org.python.core.PyBeanEventProperty;
import org.python.core.PyBeanProperty;
import org.python.core.PyBuiltinCallable;
import org.python.core.PyByteArray;
import org.python.core.PyCell;
import org.python.core.PyDictionary;
import org.python.core.PyException;
import org.python.core.PyFrame;
import org.python.core.PyFunction;
import org.python.core.PyGenerator;
import org.python.core.PyJavaPackage;
import org.python.core.PyJavaType;
import org.python.core.PyList;
import org.python.core.PyMethod;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyReflectedConstructor;
import org.python.core.PyReflectedField;
import org.python.core.PyReflectedFunction;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PySuper;
import org.python.core.PyTraceback;
import org.python.core.PyTuple;
import org.python.core.PyType;
import org.python.core.PyUnicode;

/**
 * The rule every attribute access of a user function passes (the source is rewritten so that {@code obj.name} is
 * {@code __kr_getattr__(obj, 'name')}, and {@code getattr} is the same gate). It decides by what the object is, not
 * by the name alone:
 * <ul>
 * <li>Java objects, Java classes and Java packages have no accessible attributes at all (that is how Jython code
 * reaches {@code getClass().getClassLoader()});</li>
 * <li>introspection objects (functions, methods, frames, code, tracebacks, cells, generator frames) expose nothing:
 * their attributes lead to globals, builtins and the interpreter;</li>
 * <li>names starting with {@code _} are private, except {@code __init__} on the function's own objects and
 * {@code __name__} of classes and modules;</li>
 * <li>only facades of allowed modules are modules one can read from;</li>
 * <li>{@code str.format} is replaced by a version that refuses {@code {0.attr}} fields ({@link SafeFormat}).</li>
 * </ul>
 */
final class AttributeGuard {
    private AttributeGuard() {
    }

    /** {@code obj.name} for user code; raises AttributeError when the sandbox hides it. */
    static PyObject read(FunctionScope scope, PyObject obj, String name) {
        check(scope, obj, name);
        if (name.equals("format") && (obj instanceof PyString || obj == PyString.TYPE || obj == PyUnicode.TYPE)) {
            return new SafeFormat(obj instanceof PyType ? null : obj);
        }
        PyObject value = obj.__getattr__(name);
        if (isJava(value)) {
            throw denied(obj, name, "it is a Java object");
        }
        return value;
    }

    /** Whether user code may read {@code obj.name} (for {@code hasattr}); false when hidden or missing. */
    static boolean readable(FunctionScope scope, PyObject obj, String name) {
        try {
            read(scope, obj, name);
            return true;
        } catch (PyException e) {
            if (e.match(Py.AttributeError)) {
                return false;
            }
            throw e;
        }
    }

    /** {@code obj} as the target of an attribute assignment or deletion: only the function's own objects change. */
    static PyObject writable(FunctionScope scope, PyObject obj) {
        if (!scope.owns(obj)) {
            throw Py.TypeError("cannot set or delete attributes of " + describe(obj)
                    + " in a transformation; only of objects of classes the function defines");
        }
        return obj;
    }

    /** The name rule for {@code setattr}/{@code delattr}, which also go through {@link #writable}. */
    static void checkWritableName(String name) {
        if (name.startsWith("_")) {
            throw Py.AttributeError("attribute '" + name + "' cannot be set in a transformation: names starting with"
                    + " '_' are private");
        }
    }

    private static void check(FunctionScope scope, PyObject obj, String name) {
        if (name.startsWith("_") && !allowedPrivate(scope, obj, name)) {
            throw denied(obj, name, "names starting with '_' are private");
        }
        if (isJava(obj)) {
            throw denied(obj, name, "Java objects cannot be used");
        }
        if (obj instanceof PyModule && !scope.isFacade(obj)) {
            throw denied(obj, name, "only allowed modules can be used");
        }
        if (isIntrospection(obj, name)) {
            throw denied(obj, name, "functions, methods, frames and code objects expose no attributes");
        }
    }

    /** The two private names user code may read: {@code __init__} and a class's {@code __name__}. */
    private static boolean allowedPrivate(FunctionScope scope, PyObject obj, String name) {
        if (name.equals("__name__")) {
            return (obj instanceof PyType && !isJava(obj)) || scope.isFacade(obj);
        }
        return name.equals("__init__") && ownsInitTarget(scope, obj);
    }

    /** {@code __init__} re-initializes an object: allowed on the function's own objects (and super() of them). */
    private static boolean ownsInitTarget(FunctionScope scope, PyObject obj) {
        if (obj instanceof PySuper) {
            PyObject self = obj.__findattr__("__self__");
            return self != null && !(self instanceof PyType) && scope.owns(self);
        }
        return scope.owns(obj);
    }

    private static boolean isIntrospection(PyObject obj, String name) {
        if (obj instanceof PyGenerator) {
            return !(name.equals("next") || name.equals("send") || name.equals("throw") || name.equals("close"));
        }
        // Reflected functions are how Jython's Java-written modules (math, time, hashlib) export functions: callable,
        // but their attributes describe Java methods.
        return obj instanceof PyFunction || obj instanceof PyMethod || obj instanceof PyReflectedFunction
                || obj instanceof PyBuiltinCallable || obj instanceof PyFrame
                || obj instanceof PyTraceback || obj instanceof PyBaseCode || obj instanceof PyCell;
    }

    /**
     * Whether {@code obj} is the Java side of Jython: a Java object, class, package, constructor, field or bean
     * member. (Reflected functions are callable module functions; {@link #isIntrospection} hides their attributes.)
     */
    static boolean isJava(PyObject obj) {
        if (obj == null || obj instanceof PyReflectedFunction) {
            return false;
        }
        if (obj instanceof PyJavaType || obj instanceof PyJavaPackage || obj instanceof PyReflectedConstructor
                || obj instanceof PyReflectedField || obj instanceof PyBeanProperty || obj instanceof PyBeanEvent
                || obj instanceof PyBeanEventProperty) {
            return true;
        }
        return hasJavaBase(obj instanceof PyType type ? type : obj.getType());
    }

    private static boolean hasJavaBase(PyType type) {
        PyTuple mro = type.getMro();
        if (mro == null) {
            return type instanceof PyJavaType;
        }
        for (PyObject base : mro.getArray()) {
            if (base instanceof PyJavaType) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a facade may hold: anything but modules, Java objects and shared mutable containers (a list or dict in a
     * facade would be one object shared by every function). The exported names are reviewed in AllowedModules.
     */
    static boolean isFacadeValue(PyObject value) {
        return !(isJava(value) || value instanceof PyModule || value instanceof PyList
                || value instanceof PyDictionary || value instanceof PyStringMap || value instanceof BaseSet
                || value instanceof PyByteArray);
    }

    private static PyException denied(PyObject obj, String name, String why) {
        return Py.AttributeError("attribute '" + name + "' of " + describe(obj) + " is not accessible in a"
                + " transformation: " + why);
    }

    /** A short description that runs no user code (no __repr__). */
    static String describe(PyObject obj) {
        if (obj instanceof PyModule) {
            return "a module";
        }
        if (obj instanceof PyReflectedFunction) {
            return "a builtin function";
        }
        if (obj instanceof PyType type) {
            return "class " + (obj instanceof PyJavaType ? "(Java)" : type.getName());
        }
        return obj.getType() instanceof PyJavaType ? "a Java object" : "a " + obj.getType().getName() + " object";
    }
}
