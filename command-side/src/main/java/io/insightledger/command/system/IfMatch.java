package io.insightledger.command.system;

import io.insightledger.platform.web.InvalidInputException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the version a client saw from {@code If-Match}: {@code "3"}, {@code W/"3"} or {@code 3}; absent or * is any. */
public final class IfMatch {

    public static final String HEADER = "If-Match";
    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private IfMatch() {
    }

    /** @return the expected version, or {@code null} when the client did not ask for one */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(header.strip());
        if (!matcher.matches()) {
            throw new InvalidInputException(HEADER, "Format",
                    "must be the ETag of a version this API returned, such as \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
