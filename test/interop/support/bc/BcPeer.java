/*
 * BouncyCastle 1.72 as an S/MIME peer for the interop suite (test/interop/support/bouncycastle.ts).
 * One JVM per operation:
 *
 *   seal --inner F --signer-p12 F --password P --signer-chain PEM --recipient PEM [--recipient PEM ...]
 *        --cipher aes-128-cbc|aes-256-cbc|aes-256-gcm [--oaep] [--opaque] --from A --to A[,A] --out F
 *   open --in F --recipient-p12 F --password P --anchor PEM --decrypted F --inner F
 *
 * Seal uses bcmail's SMIMESignedGenerator (detached multipart/signed, or encapsulated signed-data) and
 * SMIMEEnvelopedGenerator, as the Java Direct RI does; bcmail 1.72 has no AuthEnvelopedData generator, so
 * AES-GCM goes through bcpkix's CMSAuthEnvelopedDataGenerator with the MIME entity made here.
 * Open prints one line "verified=true|false signedForm=detached|opaque detail=..." on stdout.
 */
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import javax.crypto.spec.OAEPParameterSpec;
import javax.activation.DataHandler;
import javax.crypto.spec.PSource;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.mail.smime.SMIMEEnveloped;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.util.Store;

public final class BcPeer {
  private static final String BC = "BC";

  public static void main(String[] args) throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    Args a = new Args(args);
    switch (a.command) {
      case "seal": seal(a); break;
      case "open": open(a); break;
      default: throw new IllegalArgumentException("usage: BcPeer seal|open ...");
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // seal

  static void seal(Args a) throws Exception {
    Session session = Session.getInstance(new Properties());
    KeyStore ks = pkcs12(a.one("--signer-p12"), a.one("--password"));
    String alias = keyAlias(ks);
    PrivateKey key = (PrivateKey) ks.getKey(alias, a.one("--password").toCharArray());
    List<X509Certificate> chain = certs(a.one("--signer-chain"));
    X509Certificate signerCert = chain.get(0);

    SMIMESignedGenerator signer = new SMIMESignedGenerator();
    signer.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(BC).build("SHA256withRSA", key, signerCert));
    signer.addCertificates(new JcaCertStore(chain));

    // The inner entity arrives canonical (CRLF) and header-protected; javax.mail keeps its raw bytes.
    MimeBodyPart inner = new MimeBodyPart(new ByteArrayInputStream(Files.readAllBytes(Path.of(a.one("--inner")))));
    MimeBodyPart signed;
    if (a.flag("--opaque")) {
      signed = signer.generateEncapsulated(inner);
    } else {
      MimeMultipart mm = signer.generate(inner);
      signed = new MimeBodyPart();
      signed.setContent(mm, mm.getContentType());
      // setContent leaves the header to updateHeaders(), which only a MimeMessage's saveChanges() calls;
      // SMIMEEnvelopedGenerator copes, but the GCM path below writes the part out itself.
      signed.setHeader("Content-Type", mm.getContentType());
    }

    String cipher = a.one("--cipher");
    boolean oaep = a.flag("--oaep");
    List<JceKeyTransRecipientInfoGenerator> ris = new ArrayList<>();
    for (String pem : a.all("--recipient")) ris.add(recipientInfo(certs(pem).get(0), oaep));

    MimeBodyPart enveloped;
    switch (cipher) {
      case "aes-256-gcm": enveloped = authEnveloped(signed, ris); break;
      case "aes-128-cbc": enveloped = enveloped(signed, ris, CMSAlgorithm.AES128_CBC); break;
      case "aes-256-cbc": enveloped = enveloped(signed, ris, CMSAlgorithm.AES256_CBC); break;
      default: throw new IllegalArgumentException("cipher " + cipher);
    }

    MimeMessage msg = new MimeMessage(session);
    msg.setFrom(new InternetAddress(a.one("--from")));
    msg.setRecipients(javax.mail.Message.RecipientType.TO, InternetAddress.parse(a.one("--to")));
    msg.setSentDate(new java.util.Date());
    msg.setDataHandler(enveloped.getDataHandler());
    msg.setHeader("Content-Type", enveloped.getContentType());
    msg.setHeader("Content-Disposition", "attachment; filename=\"smime.p7m\"");
    msg.setHeader("Content-Transfer-Encoding", "base64");
    msg.saveChanges();
    try (var out = Files.newOutputStream(Path.of(a.one("--out")))) {
      msg.writeTo(out);
    }
  }

  static JceKeyTransRecipientInfoGenerator recipientInfo(X509Certificate cert, boolean oaep) throws Exception {
    if (!oaep) return new JceKeyTransRecipientInfoGenerator(cert).setProvider(BC);
    // RSAES-OAEP with SHA-256 and MGF1-SHA-256, parameters spelled out (RFC 4055 4.1).
    OAEPParameterSpec spec = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    AlgorithmIdentifier alg = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, spec);
    return new JceKeyTransRecipientInfoGenerator(cert, alg).setProvider(BC);
  }

  /** EnvelopedData with an AES-CBC content cipher, through bcmail's S/MIME generator. */
  static MimeBodyPart enveloped(MimeBodyPart signed, List<JceKeyTransRecipientInfoGenerator> ris, ASN1ObjectIdentifier alg) throws Exception {
    SMIMEEnvelopedGenerator gen = new SMIMEEnvelopedGenerator();
    for (JceKeyTransRecipientInfoGenerator ri : ris) gen.addRecipientInfoGenerator(ri);
    return gen.generate(signed, new JceCMSContentEncryptorBuilder(alg).setProvider(BC).build());
  }

  /** AuthEnvelopedData (RFC 5083) with AES-256-GCM, by hand: bcmail 1.72 has no S/MIME generator for it. */
  static MimeBodyPart authEnveloped(MimeBodyPart signed, List<JceKeyTransRecipientInfoGenerator> ris) throws Exception {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    signed.writeTo(content);
    CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
    for (JceKeyTransRecipientInfoGenerator ri : ris) gen.addRecipientInfoGenerator(ri);
    OutputEncryptor enc = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(BC).build();
    CMSAuthEnvelopedData data = gen.generate(new CMSProcessableByteArray(content.toByteArray()), (org.bouncycastle.operator.OutputAEADEncryptor) enc);
    String type = "application/pkcs7-mime; smime-type=authEnveloped-data; name=\"smime.p7m\"";
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(data.getEncoded(), type)));
    part.setHeader("Content-Type", type);
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
  }

  // ---------------------------------------------------------------------------------------------------------
  // open

  static void open(Args a) throws Exception {
    Session session = Session.getInstance(new Properties());
    KeyStore ks = pkcs12(a.one("--recipient-p12"), a.one("--password"));
    String alias = keyAlias(ks);
    PrivateKey key = (PrivateKey) ks.getKey(alias, a.one("--password").toCharArray());
    X509Certificate me = (X509Certificate) ks.getCertificate(alias);

    MimeMessage msg;
    try (InputStream in = new FileInputStream(a.one("--in"))) {
      msg = new MimeMessage(session, in);
    }
    byte[] decrypted;
    JceKeyTransRecipientId rid = new JceKeyTransRecipientId(me);
    if (msg.getContentType().toLowerCase().contains("authenveloped-data")) {
      CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(msg.getInputStream());
      decrypted = recipient(data.getRecipientInfos(), rid).getContent(new JceKeyTransAuthEnvelopedRecipient(key).setProvider(BC));
    } else {
      SMIMEEnveloped env = new SMIMEEnveloped(msg);
      decrypted = recipient(env.getRecipientInfos(), rid).getContent(new JceKeyTransEnvelopedRecipient(key).setProvider(BC));
    }
    Files.write(Path.of(a.one("--decrypted")), decrypted);

    MimeBodyPart part = new MimeBodyPart(new ByteArrayInputStream(decrypted));
    SMIMESigned signed;
    String form;
    byte[] inner;
    if (part.isMimeType("multipart/signed")) {
      signed = new SMIMESigned((MimeMultipart) part.getContent());
      form = "detached";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      signed.getContent().writeTo(out);
      inner = out.toByteArray();
    } else {
      signed = new SMIMESigned(part);
      form = "opaque";
      inner = (byte[]) signed.getSignedContent().getContent();
    }
    Files.write(Path.of(a.one("--inner")), inner);

    String detail;
    boolean verified;
    try {
      detail = verify(signed, certs(a.one("--anchor")).get(0));
      verified = true;
    } catch (Exception e) {
      detail = e.getClass().getSimpleName() + ": " + e.getMessage();
      verified = false;
    }
    System.out.println("verified=" + verified + " signedForm=" + form + " detail=" + detail.replaceAll("\\s+", " "));
  }

  static RecipientInformation recipient(RecipientInformationStore store, JceKeyTransRecipientId rid) {
    RecipientInformation ri = store.get(rid);
    if (ri == null) throw new IllegalStateException("no RecipientInfo for this recipient's certificate");
    return ri;
  }

  /** Every signature must check out and every signer's certificate chain up to the one anchor (PKIX, no CRLs). */
  @SuppressWarnings("unchecked")
  static String verify(CMSSignedData signed, X509Certificate anchor) throws Exception {
    Store<X509CertificateHolder> store = signed.getCertificates();
    JcaX509CertificateConverter conv = new JcaX509CertificateConverter().setProvider(BC);
    List<X509Certificate> all = new ArrayList<>();
    for (X509CertificateHolder h : store.getMatches(null)) all.add(conv.getCertificate(h));
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    if (signers.isEmpty()) throw new IllegalStateException("no signers");
    StringBuilder sb = new StringBuilder();
    for (SignerInformation s : signers) {
      Collection<X509CertificateHolder> matches = store.getMatches(s.getSID());
      if (matches.isEmpty()) throw new IllegalStateException("signer certificate not in the message");
      X509Certificate cert = conv.getCertificate(matches.iterator().next());
      if (!s.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(cert))) {
        throw new IllegalStateException("signature does not verify");
      }
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(cert);
      PKIXBuilderParameters params = new PKIXBuilderParameters(Collections.singleton(new TrustAnchor(anchor, null)), target);
      params.setRevocationEnabled(false);
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(all), BC));
      CertPathBuilder.getInstance("PKIX", BC).build(params);
      sb.append("signature good and chain valid for ").append(cert.getSubjectX500Principal().getName()).append("; ");
    }
    return sb.toString().trim();
  }

  // ---------------------------------------------------------------------------------------------------------
  // helpers

  static KeyStore pkcs12(String path, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12", BC);
    try (InputStream in = new FileInputStream(path)) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }

  static String keyAlias(KeyStore ks) throws Exception {
    for (Enumeration<String> e = ks.aliases(); e.hasMoreElements();) {
      String alias = e.nextElement();
      if (ks.isKeyEntry(alias)) return alias;
    }
    throw new IllegalStateException("no private key in the PKCS#12");
  }

  static List<X509Certificate> certs(String pem) throws Exception {
    try (InputStream in = new FileInputStream(pem)) {
      List<X509Certificate> out = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) out.add((X509Certificate) c);
      if (out.isEmpty()) throw new IllegalArgumentException("no certificate in " + pem);
      return out;
    }
  }

  /** --name value pairs (repeatable) and bare --flags after the command word. */
  static final class Args {
    final String command;
    private final List<String[]> pairs = new ArrayList<>();
    private final List<String> flags = new ArrayList<>();

    Args(String[] argv) {
      if (argv.length == 0) throw new IllegalArgumentException("usage: BcPeer seal|open ...");
      command = argv[0];
      for (int i = 1; i < argv.length; i++) {
        if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) pairs.add(new String[] {argv[i], argv[++i]});
        else flags.add(argv[i]);
      }
    }

    String one(String name) {
      for (String[] p : pairs) if (p[0].equals(name)) return p[1];
      throw new IllegalArgumentException("missing " + name);
    }

    List<String> all(String name) {
      List<String> out = new ArrayList<>();
      for (String[] p : pairs) if (p[0].equals(name)) out.add(p[1]);
      return out;
    }

    boolean flag(String name) {
      return flags.contains(name);
    }
  }
}
