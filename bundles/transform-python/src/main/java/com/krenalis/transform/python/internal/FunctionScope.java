package com.krenalis.transform.python.internal;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.python.core.Py;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PyType;

/**
 * What one compiled function owns: its module name (which marks the classes it defines as its own), the facades of
 * the modules it imported, its own random generator, and the globals its code runs in.
 */
final class FunctionScope {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final PythonRuntime runtime;
    private final String moduleName;
    private final Map<String, PyObject> facades = new HashMap<>();
    private final Set<PyObject> facadeObjects =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private PyObject random;

    FunctionScope(PythonRuntime runtime) {
        this.runtime = requireNonNull(runtime);
        this.moduleName = "transformation_" + SEQUENCE.incrementAndGet();
    }

    /** Fresh globals for the function's code: safe builtins, the guards, and its module name. */
    PyObject newGlobals() {
        PyStringMap globals = new PyStringMap();
        SafeBuiltins.install(runtime.builtins(), globals, this);
        globals.__setitem__("__name__", new PyString(moduleName));
        // Classic classes (class A: ...) become new-style ones, whose ownership the guard can tell.
        globals.__setitem__("__metaclass__", PyType.TYPE);
        globals.__setitem__("__kr_getattr__", GuardFunctions.attributeRead(this));
        globals.__setitem__("__kr_writable__", GuardFunctions.attributeTarget(this));
        globals.__setitem__("__kr_import__", GuardFunctions.importer(this));
        return globals;
    }

    /** The function's facade of an allowed module, made on first import. */
    synchronized PyObject facade(String name) {
        if (!AllowedModules.EXPORTS.containsKey(name)) {
            throw Py.ImportError("module '" + name + "' cannot be imported in transformations");
        }
        return facades.computeIfAbsent(name, n -> {
            PyObject facade = AllowedModules.facade(n, n.equals("random") ? ownRandom() : runtime.module(n));
            facadeObjects.add(facade);
            return facade;
        });
    }

    boolean isFacade(PyObject obj) {
        return facadeObjects.contains(obj);
    }

    /** Whether {@code obj} is a class the function defined, or an instance of one. */
    boolean owns(PyObject obj) {
        PyType type = obj instanceof PyType t ? t : obj.getType();
        PyObject dict = type.fastGetDict();
        PyObject module = dict == null ? null : dict.__finditem__("__module__");
        return module instanceof PyString name && name.getString().equals(moduleName) && !AttributeGuard.isJava(obj);
    }

    private PyObject ownRandom() {
        if (random == null) {
            random = runtime.module("random").__getattr__("Random").__call__();
        }
        return random;
    }
}
