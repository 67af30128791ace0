package com.krenalis.transform.python.internal;

import org.python.core.Py;
import org.python.core.PyBaseException;
import org.python.core.PyException;
import org.python.core.PyFloat;
import org.python.core.PyInteger;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTraceback;
import org.python.core.PyTuple;
import org.python.core.PyType;

/**
 * Messages for a function's author from Python exceptions: "line 3: KeyError: 'email'". Built from the exception's
 * class name and arguments only, never by calling its {@code __str__}, which could be user code running outside
 * the time limit.
 */
final class PythonErrors {
    private PythonErrors() {
    }

    /** An exception that escaped user code, with the line of the function's source where it was raised. */
    static String describe(PyException e, String filename) {
        int line = line(e.traceback, filename);
        return (line > 0 ? "line " + line + ": " : "") + exception(e);
    }

    /** A SyntaxError of the parser: "line 2, column 7: invalid syntax ...". */
    static String syntaxError(PyException e) {
        PyObject value = e.value;
        int line = intAttribute(value, "lineno");
        int column = intAttribute(value, "offset");
        PyObject msg = value == null ? null : value.__findattr__("msg");
        String message = msg instanceof PyString s ? s.getString() : "invalid syntax";
        return (line > 0 ? "line " + line + (column > 0 ? ", column " + column : "") + ": " : "")
                + "syntax error: " + message;
    }

    /** "KeyError: 'email'" from the exception's class and arguments. */
    static String exception(PyException e) {
        e.normalize();
        Object java = e.value == null ? null : e.value.__tojava__(Throwable.class);
        if (java instanceof Throwable t) { // a Java exception inside Jython or a guard: its own message
            return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        String name = e.type instanceof PyType type ? type.getName() : "error";
        String args = arguments(e.value, name.equals("KeyError"));
        return args.isEmpty() ? name : name + ": " + args;
    }

    private static String arguments(PyObject value, boolean quote) {
        if (!(value instanceof PyBaseException exception)) {
            return "";
        }
        PyObject[] args = exception.args instanceof PyTuple t ? t.getArray() : new PyObject[0];
        StringBuilder text = new StringBuilder();
        for (PyObject arg : args) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(argument(arg, quote || args.length > 1));
        }
        return text.length() > 500 ? text.substring(0, 500) + "..." : text.toString();
    }

    private static String argument(PyObject arg, boolean quote) {
        if (arg instanceof PyString s) {
            return quote ? "'" + s.getString() + "'" : s.getString();
        }
        if (arg instanceof PyInteger || arg instanceof PyLong || arg instanceof PyFloat || arg == Py.None) {
            return arg.toString();
        }
        return "<" + arg.getType().getName() + ">";
    }

    /** The line of the innermost frame of the function's own source. */
    private static int line(PyTraceback traceback, String filename) {
        int line = 0;
        for (PyTraceback tb = traceback; tb != null; tb = tb.tb_next instanceof PyTraceback next ? next : null) {
            if (tb.tb_frame != null && tb.tb_frame.f_code != null && filename.equals(tb.tb_frame.f_code.co_filename)) {
                line = tb.tb_lineno;
            }
        }
        return line;
    }

    private static int intAttribute(PyObject value, String name) {
        PyObject attribute = value == null ? null : value.__findattr__(name);
        return attribute instanceof PyInteger i ? i.getValue() : 0;
    }
}
