// After a passkey is added (django-otp-webauthn's "register_complete" event), go on:
// to the recovery codes at set-up, back to the list on the account page.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const next = event.target.closest("[data-two-factor-after-passkey]");
  if (next) {
    window.location.assign(next.dataset.twoFactorAfterPasskey);
  }
});
