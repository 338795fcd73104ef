package org.autodiff4j.expr;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small well-formedness check for the SVG export, so the test needs no XML module: every tag is
 * closed in order, attributes are quoted, text holds only the five predefined entities and no raw
 * {@code <} or {@code &}.
 */
final class XmlChecker {

    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][\\w:-]*)((?:\\s+[\\w:-]+=\"[^\"<]*\")*)\\s*(/?)>");
    private static final Pattern TEXT = Pattern.compile("(?:[^<&]|&(?:amp|lt|gt|quot|apos);)*");

    private XmlChecker() {
    }

    /** The name of the root element; throws {@link IllegalArgumentException} where the text is not well formed. */
    static String check(String xml) {
        Deque<String> open = new ArrayDeque<>();
        String root = null;
        int pos = 0;
        Matcher tag = TAG.matcher(xml);
        while (pos < xml.length()) {
            int next = xml.indexOf('<', pos);
            String text = xml.substring(pos, next < 0 ? xml.length() : next);
            if (!TEXT.matcher(text).matches() || (open.isEmpty() && !text.isBlank())) {
                throw new IllegalArgumentException("bad text at " + pos + ": " + text);
            }
            if (next < 0) {
                break;
            }
            if (!tag.find(next) || tag.start() != next) {
                throw new IllegalArgumentException("bad tag at " + next + ": " + xml.substring(next, Math.min(xml.length(), next + 40)));
            }
            String name = tag.group(2);
            if (!tag.group(1).isEmpty()) {
                if (open.isEmpty() || !open.pop().equals(name)) {
                    throw new IllegalArgumentException("unmatched </" + name + "> at " + next);
                }
            } else {
                if (open.isEmpty()) {
                    if (root != null) {
                        throw new IllegalArgumentException("second root element at " + next);
                    }
                    root = name;
                }
                if (tag.group(4).isEmpty()) {
                    open.push(name);
                }
            }
            pos = tag.end();
        }
        if (!open.isEmpty() || root == null) {
            throw new IllegalArgumentException("unclosed elements " + open);
        }
        return root;
    }
}
