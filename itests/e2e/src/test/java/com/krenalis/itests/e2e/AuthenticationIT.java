package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every operation the server documents in its own OpenAPI document refuses a request without a valid key, except the
 * public health check. The list comes from the running server, so a new route is covered without touching this test.
 */
@ExtendWith({SharedServer.class, ServerLogs.class})
class AuthenticationIT {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String WRONG_KEY = "kra_" + "0123456789".repeat(4);

    /** One operation of the document, with its path parameters replaced by 1. */
    record Operation(String method, String template, String path, boolean publicAccess) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static AdminApi admin;
    private static AdminApi anonymous;
    private static List<Operation> operations;

    @BeforeAll
    static void readTheDocument(AdminApi api) {
        admin = api;
        anonymous = api.withKey(null);
        JsonNode paths = admin.get("/v1/openapi.json").expect(200).json().path("paths");
        JsonNode globalSecurity = admin.get("/v1/openapi.json").json().path("security");
        operations = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                JsonNode security = op.getValue().has("security") ? op.getValue().path("security") : globalSecurity;
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        path.getKey().replaceAll("\\{[^}/]+}", "1"), security.isArray() && security.isEmpty()));
            }
        }));
    }

    @Test
    void onlyTheHealthCheckIsPublic() {
        assertTrue(operations.size() >= 15, () -> "the OpenAPI document lists only " + operations);
        assertEquals(List.of("GET /v1/health"), operations.stream().filter(Operation::publicAccess).map(Operation::toString).toList());
        anonymous.get("/v1/health").expect(200);
    }

    @TestFactory
    Stream<DynamicTest> everyOtherOperationNeedsAKey() {
        return operations.stream().filter(op -> !op.publicAccess()).flatMap(op -> Stream.of(
                DynamicTest.dynamicTest(op + " without a key is 401", () -> call(op, null)),
                DynamicTest.dynamicTest(op + " with a wrong key is 401", () -> call(op, "Bearer " + WRONG_KEY)),
                DynamicTest.dynamicTest(op + " with another scheme is 401", () -> call(op, "Basic " + WRONG_KEY))));
    }

    private static void call(Operation op, String authorization) {
        // A body, so that a missing key is what the server objects to, not a missing body.
        Object body = op.method().equals("POST") || op.method().equals("PUT") ? Map.of("name", "x") : null;
        anonymous.send(op.method(), op.path(), body, authorization).expectError(401, "unauthorized");
    }
}
