package com.krenalis.connector.excel;

/**
 * One cell of a sheet row, as stored: {@code value} is a {@code String}, {@code Boolean}, {@code Long} (a whole
 * number), {@code Double}, {@code LocalDate}, {@code Instant} (UTC) or {@code LocalTime} (a date-formatted number),
 * or null for a blank cell; {@code error} is the text of an error cell ({@code #DIV/0!}) and then value is null.
 *
 * @param column the 0-based column index
 * @param ref    the cell's reference ({@code C4})
 */
record Cell(int column, String ref, Object value, String error) {
}
