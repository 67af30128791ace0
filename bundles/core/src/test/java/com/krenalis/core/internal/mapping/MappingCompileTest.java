package com.krenalis.core.internal.mapping;

import static com.krenalis.core.internal.mapping.MappingFixtures.OUTPUT;
import static com.krenalis.core.internal.mapping.MappingFixtures.assertError;
import static com.krenalis.core.internal.mapping.MappingFixtures.error;
import static com.krenalis.core.internal.mapping.MappingFixtures.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingCompileTest {
    private static final ObjectType INPUT = Type.object(List.of(
            Property.of("mail", Type.string()),
            Property.of("plan", Type.string()),
            Property.of("logins", Type.int64()),
            Property.of("created", Type.datetime()),
            Property.of("born", Type.date()),
            Property.of("labels", Type.array(Type.string())),
            Property.of("flags", Type.array(Type.bool())),
            Property.of("home", Type.object(List.of(Property.of("town", Type.string()), Property.of("zip", Type.string())))),
            Property.of("raw", Type.json())));

    @Test
    void theMappingIsAnObjectOfExpressions() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Mapping.compile(List.of(), null, OUTPUT));
        assertError("mapping", "must be an object of output properties and their expressions", e.errors().get(0));
        e = assertThrows(InvalidInputException.class, () -> Mapping.compile("x", "pipeline.mapping", null, OUTPUT));
        assertError("pipeline.mapping", "must be an object", e.errors().get(0));
        e = assertThrows(InvalidInputException.class, () -> Mapping.compile(Map.of(), null, OUTPUT));
        assertError("mapping", "maps no property", e.errors().get(0));
        assertError("email", "must be an expression in a string", errors(Map.of("email", 42), null).get(0));
        assertError("email", "at 1: the expression is empty", error("email", ""));
    }

    @Test
    void errorsNameTheOutputPropertyUnderTheGivenField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Mapping.compile(Map.of("email", "lowr(mail)"), "transformation.mapping", INPUT, OUTPUT));
        assertError("transformation.mapping.email", "at 1: unknown function 'lowr'", e.errors().get(0));
    }

    @Test
    void outputPropertiesMustExist() {
        assertError("emial", "unknown output property 'emial' (the output has email, name, code, age", error("emial", "x"));
        assertError("address.zip", "'address' has no property 'zip' (it has street, city, geo)", error("address.zip", "x"));
        assertError("address.geo.alt", "'address.geo' has no property 'alt' (it has lat, lon)", error("address.geo.alt", "x"));
        assertError("email.domain", "'email' is of type string: only object properties have properties of their own",
                error("email.domain", "x"));
        assertError("tags.first", "'tags' is of type array of string: only object properties", error("tags.first", "x"));
        assertError("address..city", "the output path has an empty part", error("address..city", "x"));
        assertError(".email", "the output path has an empty part", error(".email", "x"));
    }

    @Test
    void anObjectIsMappedWholeOrByItsPropertiesNotBoth() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("address.city", "a");
        m.put("address", "b");
        assertError("address", "'address' is mapped by its properties already", errors(m, null).get(0));
        m = new LinkedHashMap<>();
        m.put("address", "b");
        m.put("address.geo.lat", "a");
        assertError("address.geo.lat", "'address' is mapped as a whole already", errors(m, null).get(0));
    }

    @Test
    void functionsAndArityAreCheckedWithTheirPosition() {
        assertError("email", "at 7: unknown function 'trimm'", error("email", "lower(trimm(x))"));
        assertError("email", "at 7: trim takes 1 argument — trim(text) — not 2", error("email", "lower(trim(x, y))"));
        assertError("name", "at 10: eq takes 2 arguments", error("name", "if(flag, eq(a), \"x\")"));
        assertError("email", "at 9: expected ',' or ')'", error("email", "lower(x y)"));
    }

    @Test
    void inputPathsAreCheckedWhenTheInputHasASchema() {
        assertError("email", "at 7: unknown input property 'mial' (the input has mail, plan, logins",
                errors(Map.of("email", "lower(mial)"), INPUT).get(0));
        assertError("address.city", "at 6: unknown input property 'home.city' (it has town, zip)",
                errors(Map.of("address.city", "home.city"), INPUT).get(0));
        assertError("name", "at 8: 'labels' is an array: use an index such as labels[0]",
                errors(Map.of("name", "labels.x"), INPUT).get(0));
        Mapping m = Mapping.compile(Map.of("name", "raw.anything[3].goes", "tags", "labels"), INPUT, OUTPUT);
        assertEquals(OUTPUT, m.output());
        Mapping.compile(Map.of("email", "lower(mial)"), null, OUTPUT); // schemaless: any path may be there
    }

    @Test
    void valuesThatCanNeverFitAreRefused() {
        assertError("email", "at 1: an array cannot become a value of type string", error("email", "array(x)"));
        assertError("email", "at 1: an object cannot become a value of type string", error("email", "map(\"a\", x)"));
        assertError("age", "at 1: true or false cannot become a value of type int", error("age", "eq(x, 1)"));
        assertError("vip", "at 1: a number cannot become a value of type boolean", error("vip", "len(x)"));
        assertError("vip", "at 1: a number cannot become a value of type boolean", error("vip", "42"));
        assertError("ref", "at 1: a number cannot become a value of type uuid", error("ref", "1"));
        assertError("tags", "at 1: a string cannot become a value of type array of string", error("tags", "\"a\""));
        assertError("address", "at 1: a string cannot become a value of type object", error("address", "lower(x)"));
        assertError("scores", "at 21: an array cannot become a value of type int",
                errors(Map.of("scores", "coalesce(raw, array(labels))"), INPUT).get(0));
        assertError("birthday", "at 1: a date and time cannot become a value of type date",
                errors(Map.of("birthday", "created"), INPUT).get(0));
        assertError("seen", "at 1: a date cannot become a value of type datetime",
                errors(Map.of("seen", "born"), INPUT).get(0));
        assertError("scores", "at 1: an element of the array does not fit: true or false cannot become a value of type int",
                errors(Map.of("scores", "flags"), INPUT).get(0));
        assertError("address", "at 1: the object has the property town, which the output object lacks",
                errors(Map.of("address", "home"), INPUT).get(0));
    }

    @Test
    void whatMayFitPassesAndIsCheckedPerRecord() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("email", "logins");         // a number becomes text
        m.put("name", "created");         // a datetime becomes ISO text
        m.put("age", "plan");             // a string may hold digits
        m.put("vip", "plan");             // or "true"
        m.put("seen", "created");
        m.put("birthday", "born");
        m.put("extra", "labels");         // json takes anything
        m.put("tags", "array(logins, plan)");
        m.put("address.city", "home.town");
        m.put("scores", "raw");
        Mapping.compile(m, INPUT, OUTPUT);
    }

    @Test
    void theBranchesOfIfAndCoalesceAndTheArgumentsOfArrayAndMapAreCheckedOneByOne() {
        assertError("email", "at 15: an array cannot become a value of type string",
                error("email", "if(flag, \"a\", array(x))"));
        assertError("email", "at 13: an object cannot become", error("email", "coalesce(x, map(), \"a\")"));
        assertError("scores", "at 10: true or false cannot become a value of type int", error("scores", "array(1, eq(a, b), \"2\")"));
        assertError("address", "at 16: \"zip\" is not a property of the output object (it has street, city, geo)",
                error("address", "map(\"city\", x, \"zip\", y)"));
        assertError("address", "at 13: an array cannot become a value of type string",
                error("address", "map(\"city\", array(), \"geo\", map(\"lat\", 1))"));
        assertError("address", "at 34: true or false cannot become a value of type float",
                error("address", "map(\"city\", x, \"geo\", map(\"lat\", eq(y, 1)))"));
    }

    @Test
    void requiredPropertiesMustBeMapped() {
        ObjectType required = Type.object(List.of(new Property("id", Type.string(), false, ""), Property.of("email", Type.string())));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Mapping.compile(Map.of("email", "x"), null, required));
        assertError("id", "is required (the property is not nullable), but the mapping does not set it", e.errors().get(0));
        e = assertThrows(InvalidInputException.class, () -> Mapping.compile(Map.of("address.street", "x"), null, OUTPUT));
        assertError("address.city", "is required (the property is not nullable), but the mapping does not set it",
                e.errors().get(0));
        Mapping.compile(Map.of("address", "x"), null, OUTPUT); // as a whole: checked per record
        e = assertThrows(InvalidInputException.class, () -> Mapping.compile(Map.of("id", "null"), null, required));
        assertError("id", "at 1: the expression is always null, but the property is not nullable", e.errors().get(0));
    }

    @Test
    void everyWrongPropertyIsReportedAtOnce() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("email", "lower(");
        m.put("nope", "x");
        m.put("name", "initcap(x)");
        m.put("age", "array()");
        m.put("address.street", "x");
        List<FieldError> errors = errors(m, null);
        assertEquals(List.of("email", "nope", "age", "address.city"), errors.stream().map(FieldError::field).toList());
        assertEquals("at 7: the expression ends too early: a value, a path or a function call is missing",
                errors.get(0).message());
    }
}
