"""Privacy: anonymity rules shared by features, the privacy notice, "My data", retention."""
