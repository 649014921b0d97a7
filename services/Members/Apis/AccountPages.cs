using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CircularPlatform.Members.Infrastructure.Identity;
using CircularPlatform.Members.Model;

namespace CircularPlatform.Members.Apis;

/// <summary>
/// The pages a person sees after following a link from account mail, French first and English
/// second, as the club writes everything: who reads the page is not known until they post it.
/// </summary>
internal static class AccountPages
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1d2b24}"
        + "h1{font-size:1.4rem}[lang=en]{color:#4a5a52}.error{color:#a12a2a}"
        + "label{display:block;margin:1rem 0 .3rem}input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box}"
        + "button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;border:0;border-radius:.3rem;background:#2f6b3f;color:#fff;cursor:pointer}";

    // Accented letters as they are: the page is UTF-8, and French reads badly as character references.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static HtmlPage EmailVerificationForm(string token) => Page(
        "Confirmer votre adresse", "Confirm your address",
        Said("Confirmez que cette adresse est la vôtre pour le club d'économie circulaire de Lens-Liévin.",
            "Confirm that this address is yours for the Lens-Liévin circular economy club.")
        + $"""
          <form method="post" action="{AccountMail.EmailVerificationPath}">
          <input type="hidden" name="token" value="{Encode(token)}">
          <button type="submit">Confirmer · Confirm</button>
          </form>

          """);

    public static HtmlPage EmailVerified() => Page(
        "Adresse confirmée", "Address confirmed",
        Said("Merci : votre adresse est confirmée. Vous pouvez fermer cette page.",
            "Thank you: your address is confirmed. You may close this page."));

    /// <param name="problems">Why the password last tried was refused, in English as Identity words it.</param>
    public static HtmlPage PasswordResetForm(string token, int requiredLength, IReadOnlyList<string>? problems = null)
    {
        var refused = problems is { Count: > 0 }
            ? Said($"Ce mot de passe ne convient pas : il en faut un d'au moins {requiredLength} caractères, assez variés.",
                    "This password will not do: " + string.Join(" ", problems), "error")
            : "";
        return Page(
            "Choisir un nouveau mot de passe", "Choose a new password",
            refused
            + Said($"Au moins {requiredLength} caractères ; une phrase facile à retenir convient très bien.",
                $"At least {requiredLength} characters; a sentence easy to remember does very well.")
            + $"""
              <form method="post" action="{AccountMail.PasswordResetPath}/confirm">
              <input type="hidden" name="token" value="{Encode(token)}">
              <label for="newPassword">Nouveau mot de passe · New password</label>
              <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required minlength="{requiredLength}">
              <button type="submit">Enregistrer · Save</button>
              </form>

              """,
            problems is { Count: > 0 } ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    public static HtmlPage PasswordChanged() => Page(
        "Mot de passe changé", "Password changed",
        Said("Votre mot de passe est changé : connectez-vous avec lui. Vos autres connexions ont été fermées.",
            "Your password is changed: sign in with it. Your other sign-ins were closed."));

    /// <summary>A link that does not work (any more): what happened, and what to do instead.</summary>
    public static HtmlPage Refused(AccountTokenPurpose purpose, AccountTokenState state, DateTime? expiredAt)
    {
        var paris = expiredAt is { } at ? Contracts.ParisTime.FromUtc(at) : default;
        var (fr, en) = state switch
        {
            AccountTokenState.Used => ("Ce lien a déjà servi : un lien ne sert qu'une fois.", "This link was already used: a link works once."),
            AccountTokenState.Replaced => ("Un lien plus récent vous a été envoyé depuis : utilisez celui du dernier message.",
                "A newer link was sent to you since: use the one in the latest mail."),
            AccountTokenState.Expired => ($"Ce lien a expiré le {When(paris, "fr-FR")} (heure de Paris).", $"This link expired on {When(paris, "en-GB")} (Paris time)."),
            _ => ("Ce lien n'est pas l'un de ceux que le club envoie, ou il a été coupé : ouvrez-le tel qu'il figure dans le message.",
                "This link is not one the club sends, or it was cut short: open it as it stands in the mail."),
        };
        var next = purpose is AccountTokenPurpose.PasswordReset && state is not AccountTokenState.Used
            ? Said("Vous pouvez demander un nouveau lien depuis la page de connexion.", "You may ask for a new link from the sign-in page.")
            : "";
        return Page("Ce lien ne fonctionne pas", "This link does not work", Said(fr, en, "error") + next, StatusCodes.Status400BadRequest);
    }

    private static string When(DateTimeOffset paris, string culture) =>
        paris.ToString("d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo(culture));

    private static string Said(string french, string english, string? className = null)
    {
        var attribute = className is null ? "" : $" class=\"{className}\"";
        return $"<p{attribute}>{Encode(french)}</p>\n<p lang=\"en\"{attribute}>{Encode(english)}</p>\n";
    }

    private static HtmlPage Page(string titleFr, string titleEn, string body, int statusCode = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n")
            .Append($"<title>{Encode(titleFr)} · {Encode(titleEn)}</title>\n<style>{Style}</style>\n</head>\n<body>\n")
            .Append($"<h1>{Encode(titleFr)}<br><span lang=\"en\">{Encode(titleEn)}</span></h1>\n")
            .Append(body)
            .Append("</body>\n</html>\n");
        return new HtmlPage(html.ToString(), statusCode);
    }

    private static string Encode(string text) => Encoder.Encode(text);
}
