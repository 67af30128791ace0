package com.krenalis.transform.python.internal;

import org.python.core.Py;
import org.python.core.PyBuiltinFunction;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * The builtins through which user code reaches attributes and modules, bound to one function's scope. They are
 * builtin functions to Python: no attributes, no globals, nothing to introspect.
 */
final class GuardFunctions {
    private GuardFunctions() {
    }

    /** {@code __kr_getattr__(obj, name)}: what {@code obj.name} was rewritten into. */
    static PyObject attributeRead(FunctionScope scope) {
        return new Guard("__kr_getattr__", 2, 2) {
            @Override
            PyObject call(PyObject[] args) {
                return AttributeGuard.read(scope, args[0], name(args[1]));
            }
        };
    }

    /** {@code __kr_writable__(obj)}: the target of {@code obj.name = value} and {@code del obj.name}. */
    static PyObject attributeTarget(FunctionScope scope) {
        return new Guard("__kr_writable__", 1, 1) {
            @Override
            PyObject call(PyObject[] args) {
                return AttributeGuard.writable(scope, args[0]);
            }
        };
    }

    /** {@code __kr_import__(name)}: what {@code import name} was rewritten into; returns the module's facade. */
    static PyObject importer(FunctionScope scope) {
        return new Guard("__kr_import__", 1, 1) {
            @Override
            PyObject call(PyObject[] args) {
                return scope.facade(name(args[0]));
            }
        };
    }

    static PyObject getattr(FunctionScope scope) {
        return new Guard("getattr", 2, 3) {
            @Override
            PyObject call(PyObject[] args) {
                try {
                    return AttributeGuard.read(scope, args[0], name(args[1]));
                } catch (PyException e) {
                    if (args.length == 3 && e.match(Py.AttributeError)) {
                        return args[2];
                    }
                    throw e;
                }
            }
        };
    }

    static PyObject hasattr(FunctionScope scope) {
        return new Guard("hasattr", 2, 2) {
            @Override
            PyObject call(PyObject[] args) {
                return Py.newBoolean(AttributeGuard.readable(scope, args[0], name(args[1])));
            }
        };
    }

    static PyObject setattr(FunctionScope scope) {
        return new Guard("setattr", 3, 3) {
            @Override
            PyObject call(PyObject[] args) {
                String name = name(args[1]);
                AttributeGuard.checkWritableName(name);
                AttributeGuard.writable(scope, args[0]).__setattr__(name, args[2]);
                return Py.None;
            }
        };
    }

    static PyObject delattr(FunctionScope scope) {
        return new Guard("delattr", 2, 2) {
            @Override
            PyObject call(PyObject[] args) {
                String name = name(args[1]);
                AttributeGuard.checkWritableName(name);
                AttributeGuard.writable(scope, args[0]).__delattr__(name);
                return Py.None;
            }
        };
    }

    /** {@code print(...)}: accepted and discarded (a server has no console for user functions). */
    static PyObject print() {
        return new PyBuiltinFunction("print", "print(*values, ...): output is discarded in transformations") {
            @Override
            public PyObject __call__(PyObject[] args, String[] keywords) {
                return Py.None;
            }
        };
    }

    /** A builtin taking positional arguments only. */
    private abstract static class Guard extends PyBuiltinFunction {
        private final int min;
        private final int max;

        Guard(String name, int min, int max) {
            super(name, name + "(): sandboxed");
            this.min = min;
            this.max = max;
        }

        abstract PyObject call(PyObject[] args);

        @Override
        public PyObject __call__(PyObject[] args, String[] keywords) {
            if (keywords.length > 0) {
                throw Py.TypeError(info.getName() + "() takes no keyword arguments");
            }
            if (args.length < min || args.length > max) {
                throw Py.TypeError(info.getName() + "() takes " + (min == max ? "exactly " + min
                        : min + " to " + max) + " arguments (" + args.length + " given)");
            }
            return call(args);
        }

        static String name(PyObject name) {
            if (!(name instanceof PyString)) {
                throw Py.TypeError("attribute name must be a string");
            }
            return ((PyString) name).getString();
        }
    }
}
