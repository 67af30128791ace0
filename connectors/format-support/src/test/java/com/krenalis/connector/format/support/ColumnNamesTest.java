package com.krenalis.connector.format.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.types.Property;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {

    @Test
    void validNamesAreKept() {
        assertEquals(List.of("id", "firstName", "_x", "updated_at"), ColumnNames.of(List.of("id", "firstName", "_x", "updated_at")));
    }

    @Test
    void otherNamesBecomeLowerCaseIdentifiers() {
        assertEquals(List.of("first_name", "e_mail_address", "_2nd_phone", "prenom", "column_5", "column_6"),
                ColumnNames.of(Arrays.asList("First Name", " E-mail  address ", "2nd phone", "Prénom", "", null)));
    }

    @Test
    void duplicatesIgnoringCaseAreSuffixed() {
        assertEquals(List.of("email", "Email_2", "email_3", "first_name", "first_name_2"),
                ColumnNames.of(List.of("email", "Email", "email", "first_name", "First Name")));
    }

    @Test
    void longNamesAreCutAndStayUniqueWithinTheLimit() {
        String longName = "A very long column name ".repeat(5);
        List<String> names = ColumnNames.of(List.of(longName, longName));
        assertEquals(63, names.get(0).length());
        assertEquals(63, names.get(1).length());
        assertTrue(names.get(1).endsWith("_2"), names.get(1));
        names.forEach(n -> assertTrue(Property.isValidName(n), n));
    }

    @Test
    void headerlessColumnsAreNumbered() {
        assertEquals(List.of("column_1", "column_2", "column_3"), ColumnNames.numbered(3));
    }
}
