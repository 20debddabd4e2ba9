package io.devplace.importers;

import io.devplace.model.Documents;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads XML with the JDK parser, refusing what virsh never writes and an attacker would: DOCTYPEs (and so every
 * internal or external entity, the XXE family and entity expansion bombs), external DTDs and schemas, XInclude.
 * Malformed XML becomes invalid input naming the file, line and column.
 */
final class SafeXml {
    private SafeXml() {}

    static Document read(String file) {
        return parse(file, Documents.readBytes(file));
    }

    /** The synthetic root {@link #readConcatenated} wraps a file's documents in. */
    static final String CONCATENATED = "devplace-concatenated-documents";
    private static final java.util.regex.Pattern XML_DECLARATION = java.util.regex.Pattern.compile("<\\?xml[^>]*\\?>");

    /**
     * The top-level elements of a file that may hold several XML documents one after another, as
     * {@code for d in ...; do virsh nodedev-dumpxml $d; done > f.xml} writes. The documents are parsed inside one
     * synthetic root written on their first line, and their XML declarations blanked with spaces of the same length,
     * so that a problem's line and column are those of the file.
     */
    static List<Element> readConcatenated(String file) {
        byte[] bytes = Documents.readBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        // a DOCTYPE is refused as such (parsed alone, the parser says so; inside the wrapper it would only say "malformed")
        if (text.contains("<!DOCTYPE")) parse(file, bytes);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        java.util.regex.Matcher m = XML_DECLARATION.matcher(text);
        StringBuilder blanked = new StringBuilder();
        while (m.find()) m.appendReplacement(blanked, " ".repeat(m.group().length()));
        m.appendTail(blanked);
        String wrapped = "<" + CONCATENATED + ">" + blanked + "</" + CONCATENATED + ">";
        Document d = parse(file, wrapped.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Element> out = new ArrayList<>();
        for (Node n = d.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling())
            if (n instanceof Element e) out.add(e);
        return out;
    }

    static Document parse(String file, byte[] bytes) {
        try {
            DocumentBuilder b = factory().newDocumentBuilder();
            b.setErrorHandler(new Strict());
            // never reached with DOCTYPEs disallowed; kept so that a parser without that feature still fetches nothing
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return b.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new InvalidInputException(new InputProblem(file, "", Math.max(e.getLineNumber(), 0), Math.max(e.getColumnNumber(), 0), message(e)));
        } catch (SAXException | IOException e) {
            throw new InvalidInputException(file, "", "malformed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a safety feature: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setValidating(false);
        return f;
    }

    private static String message(SAXParseException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("DOCTYPE"))
            return "XML with a DOCTYPE is refused (its entities could read local files or expand without bound); virsh never writes one";
        return "malformed XML: " + m;
    }

    /** The JDK's default handler prints "[Fatal Error]" to stderr; errors are reported once, as invalid input. */
    private static final class Strict implements ErrorHandler {
        @Override public void warning(SAXParseException e) {}
        @Override public void error(SAXParseException e) throws SAXException { throw e; }
        @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }
    }

    // ------------------------------------------------------------------ reading helpers

    /** Direct child elements named {@code tag}, in document order. */
    static List<Element> children(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling())
            if (n instanceof Element c && c.getTagName().equals(tag)) out.add(c);
        return out;
    }

    /** The first direct child element named {@code tag}, or null. */
    static Element child(Element e, String tag) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling())
            if (n instanceof Element c && c.getTagName().equals(tag)) return c;
        return null;
    }

    /** The first direct child {@code <tag type='...'>}, as libvirt marks capabilities. */
    static Element childOfType(Element e, String tag, String type) {
        for (Element c : children(e, tag)) if (type.equals(c.getAttribute("type"))) return c;
        return null;
    }

    /** The trimmed text of the first child named {@code tag}, or null when there is none. */
    static String text(Element e, String tag) {
        Element c = child(e, tag);
        return c == null ? null : c.getTextContent().trim();
    }

    /** An attribute's value, or null when absent (DOM answers "" for absent attributes). */
    static String attr(Element e, String name) {
        return e != null && e.hasAttribute(name) ? e.getAttribute(name) : null;
    }
}
