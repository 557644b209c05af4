package io.eventca.checks.subject;

import java.util.List;

/**
 * A subject as eventca reads it: single-valued RDNs in their encoded order, each a known attribute with its value as
 * text. Only {@link Subjects#decode} makes one, so holding one means every rule of {@link SubjectAttribute} and
 * {@link SubjectText} held.
 */
public final class DecodedSubject {
  /** One attribute of the subject. */
  public record Attribute(SubjectAttribute type, String value) {}

  private final List<Attribute> attributes;
  private final String rendered;

  DecodedSubject(List<Attribute> attributes, String rendered) {
    this.attributes = List.copyOf(attributes);
    this.rendered = rendered;
  }

  /** The empty subject. */
  public static DecodedSubject empty() {
    return new DecodedSubject(List.of(), "");
  }

  public List<Attribute> attributes() {
    return attributes;
  }

  public List<String> values(SubjectAttribute type) {
    return attributes.stream().filter(a -> a.type() == type).map(Attribute::value).toList();
  }

  public List<String> commonNames() {
    return values(SubjectAttribute.COMMON_NAME);
  }

  public boolean isEmpty() {
    return attributes.isEmpty();
  }

  /** The subject as eventca records and shows it ({@link Subjects#render}). */
  @Override
  public String toString() {
    return rendered;
  }
}
