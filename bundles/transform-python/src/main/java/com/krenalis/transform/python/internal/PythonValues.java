package com.krenalis.transform.python.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.python.core.Py;
import org.python.core.PyDictionary;
import org.python.core.PyList;
import org.python.core.PyObject;

/**
 * A record as plain Python values, so that user code works on real dicts, lists and unicode strings (and can call
 * {@code .lower()}, {@code .get()}, {@code json.dumps} on them), never on Java objects it could reach through.
 */
final class PythonValues {
    /** Deeper records are refused: a record is data, and the converters recurse. */
    static final int MAX_DEPTH = 200;

    private PythonValues() {
    }

    static PyDictionary record(Map<String, Object> record) {
        return dict(record, "", 0);
    }

    private static PyObject value(Object value, String path, int depth) {
        if (value == null) {
            return Py.None;
        } else if (value instanceof String s) {
            return Py.newUnicode(s);
        } else if (value instanceof Boolean b) {
            return Py.newBoolean(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Py.newInteger(((Number) value).longValue()); // int, or long beyond 32 bits (Jython's int is 32-bit)
        } else if (value instanceof Double || value instanceof Float) {
            return Py.newFloat(((Number) value).doubleValue());
        } else if (value instanceof BigInteger i) {
            return Py.newLong(i);
        } else if (value instanceof BigDecimal d) {
            return decimal(d);
        } else if (value instanceof Map<?, ?> map) {
            return dict(map, path, depth + 1);
        } else if (value instanceof List<?> list) {
            PyList result = new PyList();
            int i = 0;
            for (Object element : list) {
                result.append(value(element, path + "[" + i++ + "]", depth + 1));
            }
            return result;
        }
        throw new IllegalArgumentException("record field '" + path + "' has a value of type "
                + value.getClass().getName() + ", which is not a record value");
    }

    private static PyDictionary dict(Map<?, ?> map, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("record field '" + path + "' is nested more than " + MAX_DEPTH + " deep");
        }
        PyDictionary dict = new PyDictionary();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("record field '" + path + "' has a key that is not a string");
            }
            String child = path.isEmpty() ? key : path + "." + key;
            dict.__setitem__(Py.newUnicode(key), value(e.getValue(), child, depth));
        }
        return dict;
    }

    /** A whole number as int/long, anything else as float (Python has no decimal type among record values). */
    private static PyObject decimal(BigDecimal d) {
        if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
            return Py.newLong(d.toBigIntegerExact()).__int__();
        }
        return Py.newFloat(d.doubleValue());
    }
}
