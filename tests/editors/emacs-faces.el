;;; emacs-faces.el --- run by tests/test_editors.c  -*- lexical-binding: t; -*-
;;
;;   PIPE_ELDIR=<dir with pipe-mode.el(c)> PIPE_SAMPLE=<file.pipe>
;;   PIPE_REINDENT=<file.pipe> PIPE_GCC=<output of pipec check --format gcc>
;;   PIPE_OUT=<out> emacs -Q --batch -l tests/editors/emacs-faces.el
;;
;; Writes to PIPE_OUT the mode's settings (`opt NAME=VALUE'), then
;; `LINE:COL:FACE' at the first column of every run of one face in
;; PIPE_SAMPLE (`-' for none, `a+b' for a list), then `indent ok' if
;; re-indenting PIPE_REINDENT with all its indentation removed gives the file
;; back (else the lines that differ), then for each line of PIPE_GCC what
;; compilation-mode (M-x compile) makes of it: `compile LINE:COL:TYPE' (type
;; 2 error, 1 warning, 0 info) or `compile none'.  With PIPE_CLEAN (a file
;; listing .pipe files, one a line), then `clean N files' and a `dirty FILE ...'
;; line for each warning face in those files and each line that re-indenting
;; changes.

(add-to-list 'load-path (getenv "PIPE_ELDIR"))
(require 'pipe-mode)

(defvar pipe-test--out nil)
(defun pipe-test--emit (fmt &rest args)
  (push (apply #'format fmt args) pipe-test--out))

(defun pipe-test--face-name (pos)
  (let ((f (get-text-property pos 'face)))
    (cond ((null f) "-")
          ((listp f) (mapconcat #'symbol-name f "+"))
          (t (symbol-name f)))))

(with-current-buffer (find-file-noselect (getenv "PIPE_SAMPLE"))
  (pipe-test--emit "opt loaded=%s" (file-name-nondirectory (symbol-file 'pipe-mode 'defun)))
  (pipe-test--emit "opt major-mode=%s" major-mode)
  (pipe-test--emit "opt comment-start=%s" comment-start)
  (pipe-test--emit "opt compile-command=%s" compile-command)
  (pipe-test--emit "opt indent-tabs-mode=%s" indent-tabs-mode)
  (pipe-test--emit "opt pipe-indent-offset=%s" pipe-indent-offset)
  (font-lock-ensure)
  (goto-char (point-min))
  (let ((line 1))
    (while (not (eobp))
      (let ((prev nil) (col 1))
        (while (not (eolp))
          (let ((name (pipe-test--face-name (point))))
            (unless (equal name prev)
              (pipe-test--emit "%d:%d:%s" line col name)
              (setq prev name)))
          (forward-char 1)
          (setq col (1+ col))))
      (forward-line 1)
      (setq line (1+ line)))))

(with-current-buffer (find-file-noselect (getenv "PIPE_REINDENT"))
  (let ((want (split-string (buffer-string) "\n")))
    (goto-char (point-min))
    (while (re-search-forward "^[ \t]+" nil t)
      (replace-match ""))
    (indent-region (point-min) (point-max))
    (let ((got (split-string (buffer-string) "\n")) (i 1) (same t))
      (while (or want got)
        (unless (equal (car want) (car got))
          (setq same nil)
          (pipe-test--emit "indent line %d: got [%s] want [%s]" i (car got) (car want)))
        (setq want (cdr want) got (cdr got) i (1+ i)))
      (when same (pipe-test--emit "indent ok")))
    (set-buffer-modified-p nil)))

(require 'compile)
(with-temp-buffer
  (insert-file-contents (getenv "PIPE_GCC"))
  (compilation-mode)
  (font-lock-ensure)
  (goto-char (point-min))
  (while (not (eobp))
    (let ((msg (get-text-property (point) 'compilation-message)))
      (if (not msg)
          (pipe-test--emit "compile none")
        (let ((loc (compilation--message->loc msg)))
          (pipe-test--emit "compile %s:%s:%d" (cadr loc) (car loc)
                           (compilation--message->type msg)))))
    (forward-line 1)))

(when (getenv "PIPE_CLEAN")
  (let ((files (with-temp-buffer
                 (insert-file-contents (getenv "PIPE_CLEAN"))
                 (split-string (buffer-string) "\n" t))))
    (dolist (f files)
      (with-current-buffer (find-file-noselect f)
        (font-lock-ensure)
        (let ((pos (point-min)))
          (while (< pos (point-max))
            (when (string-match-p "warning" (pipe-test--face-name pos))
              (save-excursion
                (goto-char pos)
                (pipe-test--emit "dirty %s %d:%d:%s" f (line-number-at-pos) (1+ (current-column))
                                 (pipe-test--face-name pos))))
            (setq pos (1+ pos))))
        (let ((want (buffer-string)))
          (goto-char (point-min))
          (while (re-search-forward "^[ \t]+" nil t)
            (replace-match ""))
          (indent-region (point-min) (point-max))
          (let ((got (split-string (buffer-string) "\n"))
                (wl (split-string want "\n"))
                (i 1))
            (while wl
              (unless (equal (car wl) (car got))
                (pipe-test--emit "dirty %s indent line %d: [%s]" f i (car got)))
              (setq wl (cdr wl) got (cdr got) i (1+ i))))
          (set-buffer-modified-p nil)
          (kill-buffer))))
    (pipe-test--emit "clean %d files" (length files))))

(with-temp-file (getenv "PIPE_OUT")
  (insert (mapconcat #'identity (nreverse pipe-test--out) "\n") "\n"))
