package io.stepwise.api;

import java.util.regex.Pattern;

/**
 * Texts of parser errors fit to show a caller. Jackson's messages describe the JSON well but some name its own
 * classes (e.g. "from `StreamReadConstraints.getMaxNestingDepth()`"); those references are cut, so no response
 * reveals which library or class Stepwise runs on.
 */
final class ClientMessages {
    private static final Pattern CODE_REFERENCE = Pattern.compile(",? *(?:from|use|see) `[^`]*`|`[^`]*\\.[^`]*`");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:com|java|javax|org|io)\\.[\\w.$]+");
    private static final int MAX_LENGTH = 512;

    private ClientMessages() {
    }

    static String of(Exception e) {
        String message = e.getMessage() == null ? "invalid JSON" : e.getMessage();
        message = CLASS_NAME.matcher(withoutCodeReferences(message)).replaceAll("").trim();
        return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "..." : message;
    }

    /**
     * {@code message} without Jackson's references to its own methods; everything else is kept, since AWS's own
     * definition errors quote the parser's description of the JSON too.
     */
    static String withoutCodeReferences(String message) {
        return CODE_REFERENCE.matcher(message).replaceAll("");
    }
}
